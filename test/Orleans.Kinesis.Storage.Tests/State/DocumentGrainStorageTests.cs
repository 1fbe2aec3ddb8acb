using System.Text;
using Orleans.Kinesis.Storage.State;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Storage;

namespace Orleans.Kinesis.Storage.Tests.State;

/// <summary>The Orleans grain storage provider over a document store: JSON documents, ETags, clear.</summary>
[Trait("Provider", "Memory")]
public sealed class DocumentGrainStorageTests
{
    private static readonly GrainId Shard = GrainId.Create("shard", "orders.1/0");

    private readonly MemoryStateStore _documents = new();
    private readonly DocumentGrainStorage _storage;

    public DocumentGrainStorageTests()
    {
        _storage = new DocumentGrainStorage(_documents, new SystemTextJsonGrainStorageSerializer(Microsoft.Extensions.Options.Options.Create(new SystemTextJsonGrainStorageSerializerOptions())));
    }

    [Fact]
    public async Task Read_MissingState_IsANewStateWithNoRecordAndNoEtag()
    {
        var state = new GrainState<Sample>();

        await _storage.ReadStateAsync("shard", Shard, state);

        Assert.False(state.RecordExists);
        Assert.Null(state.ETag);
        Assert.NotNull(state.State);
    }

    [Fact]
    public async Task Write_ThenRead_RoundTripsTheStateAsAJsonDocumentUnderStateNameAndKey()
    {
        var written = new GrainState<Sample> { State = new Sample { Name = "orders", Count = 3 } };
        await _storage.WriteStateAsync("shard", Shard, written);

        var read = new GrainState<Sample>();
        await _storage.ReadStateAsync("shard", Shard, read);

        Assert.True(read.RecordExists);
        Assert.Equal(written.ETag, read.ETag);
        Assert.Equal(("orders", 3), (read.State!.Name, read.State.Count));
        var document = await _documents.ReadAsync("shard", "orders.1/0", CancellationToken.None);
        Assert.Contains("\"orders\"", Encoding.UTF8.GetString(document!.Data.Span), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Write_WithAStaleEtag_ThrowsInconsistentState_AndKeepsTheStoredState()
    {
        var first = new GrainState<Sample> { State = new Sample { Count = 1 } };
        await _storage.WriteStateAsync("shard", Shard, first);
        var stale = new GrainState<Sample> { State = new Sample { Count = 2 }, ETag = first.ETag };
        first.State.Count = 10;
        await _storage.WriteStateAsync("shard", Shard, first);

        await Assert.ThrowsAsync<InconsistentStateException>(() => _storage.WriteStateAsync("shard", Shard, stale));

        var read = new GrainState<Sample>();
        await _storage.ReadStateAsync("shard", Shard, read);
        Assert.Equal(10, read.State!.Count);
    }

    [Fact]
    public async Task Clear_RemovesTheDocument_AndResetsTheState()
    {
        var state = new GrainState<Sample> { State = new Sample { Count = 5 } };
        await _storage.WriteStateAsync("shard", Shard, state);

        await _storage.ClearStateAsync("shard", Shard, state);

        Assert.False(state.RecordExists);
        Assert.Null(state.ETag);
        Assert.Equal(0, state.State.Count);
        Assert.Null(await _documents.ReadAsync("shard", "orders.1/0", CancellationToken.None));
    }

    public sealed class Sample
    {
        public string Name { get; set; } = "";

        public int Count { get; set; }
    }
}
