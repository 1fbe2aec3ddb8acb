using Microsoft.Extensions.Options;

namespace Orleans.Kinesis.Host.Tests.Configuration;

/// <summary>A bad setting stops the Host before it starts, with exit code 2 and a message naming the key.</summary>
public sealed class ConfigurationErrorTests
{
    [Theory]
    [InlineData("--port 70000", null, "OrleansKinesis:Port")]
    [InlineData("--port abc", null, "OrleansKinesis:Port")]
    [InlineData("--host nope", null, "OrleansKinesis:Host")]
    [InlineData("", "OrleansKinesis__AccountId=123", "OrleansKinesis:AccountId")]
    [InlineData("--storage disk", null, "OrleansKinesis:Storage")]
    [InlineData("--storage blob", null, "OrleansKinesis:BlobConnectionString")]
    [InlineData("--encryption-key AAAAAAAAAAAAAAAAAAAAAA==", null, "OrleansKinesis:EncryptionKey")]
    [InlineData("--subscription-lifetime-ms 500000", null, "OrleansKinesis:SubscriptionLifetimeMs")]
    [InlineData("--max-requests-per-connection 0", null, "OrleansKinesis:MaxRequestsPerConnection")]
    [InlineData("--access-key no-colon", null, "OrleansKinesis:AccessKeys")]
    [InlineData("--firehose-hook arn:aws:lambda:x=ftp://h/", null, "OrleansKinesis:FirehoseHooks")]
    [InlineData("", "ASPNETCORE_URLS=https://0.0.0.0:443", "OrleansKinesis:Urls")]
    [InlineData("", "OrleansKinesis__ShardLimit=0", "OrleansKinesis:ShardLimit")]
    public async Task InvalidValue_FailsAtStartUp_NamingTheKey(string args, string? variable, string key)
    {
        using var host = new HostRun();
        if (variable is not null)
        {
            var equals = variable.IndexOf('=', StringComparison.Ordinal);
            host.Environment[variable[..equals]] = variable[(equals + 1)..];
        }

        var result = await host.RunAsync(args.Split(' ', StringSplitOptions.RemoveEmptyEntries));

        Assert.True(result.ExitCode == 2, result.Describe());
        Assert.Contains(key, result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("listening", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownFlag_IsRejected_AndHelpListsEveryFlagWithItsKey()
    {
        using var host = new HostRun();

        var unknown = await host.RunAsync("--no-such-flag");
        var help = await host.RunAsync("--help");

        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("--no-such-flag", unknown.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, help.ExitCode);
        foreach (var flag in new[] { "--port", "--in-memory", "--storage", "--access-key", "--encryption-key", "--subscription-lifetime-ms", "--show-config" })
        {
            Assert.Contains(flag, help.Stdout, StringComparison.Ordinal);
        }

        Assert.Contains("[OrleansKinesis:SubscriptionLifetimeMs]", help.Stdout, StringComparison.Ordinal);
        Assert.Contains("OrleansKinesis__<Name>", help.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void OptionsSetInCode_AreValidatedToo()
    {
        var error = Assert.Throws<OptionsValidationException>(() => KinesisServer.Build(new KinesisHostOptions { Port = -1, InMemory = true }));

        Assert.Contains(error.Failures, failure => failure.StartsWith("OrleansKinesis:Port ", StringComparison.Ordinal));
    }
}
