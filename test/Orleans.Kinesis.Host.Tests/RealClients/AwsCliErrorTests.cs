using Orleans.Kinesis.Host.Tests.Infrastructure;

namespace Orleans.Kinesis.Host.Tests.RealClients;

/// <summary>AWS CLI error reporting, on a server of its own so it runs beside the lifecycle test.</summary>
[Trait("Area", "RealClients")]
public sealed class AwsCliErrorTests : IClassFixture<ServerFixture>, IDisposable
{
    private readonly AwsCli _aws;

    public AwsCliErrorTests(ServerFixture server) => _aws = new AwsCli(server.Endpoint);

    public void Dispose() => _aws.Dispose();

    [Fact]
    public async Task Cli_DescribeStreamOfAMissingStream_FailsWithResourceNotFound()
    {
        var stream = Streams.UniqueName("cli-missing");
        var result = await _aws.RunAsync("describe-stream", "--stream-name", stream);

        Assert.True(result.ExitCode != 0, $"describe-stream of a missing stream succeeded\n{result.Describe()}");
        Assert.Contains("ResourceNotFoundException", result.Stderr, StringComparison.Ordinal);
        Assert.Contains($"Stream {stream} under account 000000000000 not found.", result.Stderr, StringComparison.Ordinal);
    }
}
