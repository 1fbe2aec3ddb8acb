namespace Orleans.Kinesis.Host.Tests.Infrastructure;

public sealed class HostOptionsStorageTests
{
    [Fact]
    public void Storage_DefaultsToFiles_AndInMemoryIsAnAlias()
    {
        Assert.Equal("files", KinesisHostOptions.Parse([]).Storage);
        Assert.Equal("memory", KinesisHostOptions.Parse(["--in-memory"]).Storage);
        Assert.True(KinesisHostOptions.Parse(["--storage", "memory"]).InMemory);
    }

    [Fact]
    public void BlobStorage_TakesAConnectionStringOrAnEndpoint()
    {
        var keyed = KinesisHostOptions.Parse(["--storage", "blob", "--blob-connection-string", "UseDevelopmentStorage=true"]);
        var identity = KinesisHostOptions.Parse(["--storage", "blob", "--blob-endpoint", "https://acct.blob.core.windows.net", "--blob-container", "kin"]);

        Assert.Equal(("blob", "UseDevelopmentStorage=true"), (keyed.Storage, keyed.BlobConnectionString));
        Assert.Equal(new Uri("https://acct.blob.core.windows.net"), identity.BlobEndpoint);
        Assert.Equal("kin", identity.BlobContainer);
    }

    [Theory]
    [InlineData("--storage blob", "needs --blob-connection-string or --blob-endpoint")]
    [InlineData("--storage disk", "needs files, blob or memory")]
    [InlineData("--storage blob --blob-endpoint ftp://x", "http(s) URL")]
    public void BadStorageOptions_AreRejected(string args, string message)
    {
        var error = Assert.Throws<ArgumentException>(() => KinesisHostOptions.Parse(args.Split(' ')));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Environment_FillsWhatTheCommandLineLeavesUnset()
    {
        var environment = new Dictionary<string, string>
        {
            ["OrleansKinesis__Storage"] = "blob",
            ["OrleansKinesis__BlobConnectionString"] = "UseDevelopmentStorage=true",
        };

        var fromEnvironment = KinesisHostOptions.Parse(KinesisHostOptions.WithEnvironment([], environment.GetValueOrDefault));
        var commandLineWins = KinesisHostOptions.Parse(KinesisHostOptions.WithEnvironment(["--storage", "files"], environment.GetValueOrDefault));
        var inMemoryWins = KinesisHostOptions.Parse(KinesisHostOptions.WithEnvironment(["--in-memory"], environment.GetValueOrDefault));

        Assert.Equal(("blob", "UseDevelopmentStorage=true"), (fromEnvironment.Storage, fromEnvironment.BlobConnectionString));
        Assert.Equal("files", commandLineWins.Storage);
        Assert.Equal("memory", inMemoryWins.Storage);
    }
}
