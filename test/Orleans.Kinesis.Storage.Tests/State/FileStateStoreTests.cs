using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Kinesis.Storage.Options;
using Orleans.Kinesis.Storage.State;
using Orleans.Kinesis.Storage.Tests.TestSupport;

namespace Orleans.Kinesis.Storage.Tests.State;

[Trait("Provider", "File")]
public sealed class FileStateStoreTests : StateDocumentStoreConformanceTests, IDisposable
{
    private readonly TempDirectory _directory = new();

    public FileStateStoreTests()
    {
        Storage = CreateStorage();
    }

    internal override IStateDocumentStore Storage { get; }

    [Fact]
    public async Task Documents_SurviveANewStorageInstance()
    {
        var etag = await Storage.WriteAsync("stream", "orders", Bytes("{\"v\":1}"), null, CancellationToken.None);

        var reopened = CreateStorage();

        var document = await reopened.ReadAsync("stream", "orders", CancellationToken.None);
        Assert.Equal("{\"v\":1}", Text(document!.Data));
        Assert.Equal(etag, document.Etag);
        await reopened.WriteAsync("stream", "orders", Bytes("{\"v\":2}"), etag, CancellationToken.None);
    }

    [Fact]
    public async Task Write_UsesEscapedFileUnderStateTypeFolder_AndLeavesNoTemporaryFiles()
    {
        await Storage.WriteAsync("shard", "orders/shardId-000000000001", Bytes("x"), null, CancellationToken.None);

        var folder = Path.Combine(_directory.Path, "state", "shard");
        var files = Directory.GetFiles(folder).Select(f => Path.GetFileName(f)!).ToArray();
        Assert.Equal(["orders%2FshardId-000000000001.json"], files);
    }

    public void Dispose() => _directory.Dispose();

    private FileStateStore CreateStorage() =>
        new(Microsoft.Extensions.Options.Options.Create(new FileStorageOptions { DataDirectory = _directory.Path }), NullLogger<FileStateStore>.Instance);
}
