using Orleans.Kinesis.Host.Tests.Infrastructure;

namespace Orleans.Kinesis.Host.Tests.Security;

/// <summary>The server does not start open to the network without keys, and secrets need not be on the command line.</summary>
[Trait("Area", "Security")]
public sealed class ExposureTests
{
    [Fact]
    public async Task NonLoopbackHost_WithoutAccessKeys_RefusesToStart_WithAClearMessage()
    {
        var result = await ChildProcess.RunAsync(RepoPaths.DotnetHost, [RepoPaths.HostDll, "--host", "0.0.0.0", "--port", "0", "--in-memory"], TimeSpan.FromSeconds(60));

        Assert.True(result.ExitCode == 2, result.Describe());
        Assert.Contains("Refusing to listen on 0.0.0.0 without any access key", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("--allow-anonymous", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void NonLoopbackHost_WithKeysOrAllowAnonymous_IsAccepted()
    {
        var withKey = KinesisHostOptions.Parse(["--host", "0.0.0.0", "--access-key", "AKID:secret"]);
        var anonymous = KinesisHostOptions.Parse(["--host", "0.0.0.0", "--allow-anonymous"]);

        withKey.CheckExposure();
        anonymous.CheckExposure();
        Assert.True(withKey.VerifySignatures);
        Assert.False(anonymous.VerifySignatures);
    }

    [Fact]
    public void AccessKeysAndEncryptionKey_CanComeFromFiles()
    {
        using var folder = new TempDataDirectory("secrets");
        var keys = Path.Combine(folder.Path, "keys");
        var encryption = Path.Combine(folder.Path, "encryption");
        File.WriteAllText(keys, "# team keys\nAKIDONE:secret-one\n\nAKIDTWO:secret/two\n");
        File.WriteAllText(encryption, Convert.ToBase64String(new byte[32]) + "\n");

        var options = KinesisHostOptions.Parse(["--access-keys-file", keys, "--encryption-key-file", encryption]);

        Assert.Equal(new Dictionary<string, string> { ["AKIDONE"] = "secret-one", ["AKIDTWO"] = "secret/two" }, options.AccessKeys);
        Assert.Equal(new byte[32], options.EncryptionKey);
    }

    [Fact]
    public void MissingSecretFile_IsAnErrorNamingIt()
    {
        var error = Assert.Throws<ArgumentException>(() => KinesisHostOptions.Parse(["--access-keys-file", "/nonexistent/keys"]));

        Assert.Contains("/nonexistent/keys", error.Message, StringComparison.Ordinal);
    }
}
