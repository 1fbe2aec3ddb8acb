using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Orleans.Kinesis.Host.Tests.Authentication;
using Orleans.Kinesis.Host.Tests.Infrastructure;
using Orleans.Kinesis.Host.Tests.RealClients;

namespace Orleans.Kinesis.Host.Tests.Security;

/// <summary>
/// <c>--https-port</c> with a certificate issued by a CA made in the test: the AWS SDK for JavaScript (HTTP/2 by ALPN
/// and HTTP/1.1) and the AWS CLI call it signed for real, trusting only that CA.
/// </summary>
[Trait("Area", "Security")]
public sealed class TlsTests : IAsyncLifetime
{
    private readonly TempDataDirectory _folder = new("tls");
    private TestCertificates _certificates = null!;
    private WebApplication? _app;
    private Uri _https = null!;

    public async Task InitializeAsync()
    {
        _certificates = TestCertificates.Create(_folder.Path);
        var options = KinesisHostOptions.Parse(["--port", "0", "--https-port", "0", "--in-memory", "--certificate", _certificates.ServerPfxPath,
            "--access-key", SigningServerFixture.AccessKeyId + ":" + SigningServerFixture.SecretAccessKey]);
        options.CertificatePassword = TestCertificates.Password;
        _app = KinesisServer.Build(options);
        await _app.StartAsync();
        _https = KinesisServer.Endpoint(_app, "https");
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        _folder.Dispose();
    }

    [Theory]
    [InlineData("", "2.0")]
    [InlineData("--http1", "1.1")]
    public async Task JavaScriptSdk_OverTls_IsServed(string transport, string httpVersion)
    {
        var node = RepoPaths.FindOnPath("node");
        Assert.True(node is not null, "node is not on PATH; the real-client tests need Node.js.");
        List<string> arguments = [RepoPaths.ScenarioScript, "list-streams", "--endpoint", _https.ToString().TrimEnd('/')];
        if (transport.Length > 0)
        {
            arguments.Add(transport);
        }

        var environment = new Dictionary<string, string?>
        {
            ["KINESIS_TEST_ACCESS_KEY_ID"] = SigningServerFixture.AccessKeyId,
            ["KINESIS_TEST_SECRET_ACCESS_KEY"] = SigningServerFixture.SecretAccessKey,
            ["NODE_EXTRA_CA_CERTS"] = _certificates.CaPemPath,
        };
        var result = await ChildProcess.RunAsync(node!, arguments, TimeSpan.FromSeconds(60), environment, RepoPaths.JsDirectory);
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonNode.Parse(line)!).ToList();

        Assert.True(lines.Count > 0 && lines[^1]["result"]?.GetValue<string>() == "passed", result.Describe());
        var listed = lines.Single(l => l["step"]?.GetValue<string>() == "ListStreams");
        Assert.Equal(200, listed["httpStatusCode"]!.GetValue<int>());
        Assert.Equal(httpVersion, listed["httpVersion"]!.ToString());
    }

    [Fact]
    public async Task AwsCli_OverTls_TrustingTheTestCa_IsServed()
    {
        using var cli = new AwsCli(_https, SigningServerFixture.AccessKeyId, SigningServerFixture.SecretAccessKey);

        var listed = await cli.OkAsync("list-streams", "--ca-bundle", _certificates.CaPemPath);

        Assert.NotNull(listed!["StreamNames"]);
    }

    [Fact]
    public async Task AwsCli_OverTls_WithoutTrustingTheCa_IsRefusedByTheClient()
    {
        using var cli = new AwsCli(_https, SigningServerFixture.AccessKeyId, SigningServerFixture.SecretAccessKey);

        var result = await cli.RunAsync("list-streams");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("SSL", result.Stderr, StringComparison.OrdinalIgnoreCase);
    }
}
