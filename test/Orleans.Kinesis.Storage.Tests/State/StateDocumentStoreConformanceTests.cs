using System.Text;
using Orleans.Kinesis.Storage.State;
using Orleans.Storage;

namespace Orleans.Kinesis.Storage.Tests.State;

/// <summary>The behaviour every state document store (under the grain storage provider) must have.</summary>
public abstract class StateDocumentStoreConformanceTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    internal abstract IStateDocumentStore Storage { get; }

    [Fact]
    public async Task Read_MissingDocument_ReturnsNull()
    {
        Assert.Null(await Storage.ReadAsync("stream", "nothing", None));
    }

    [Fact]
    public async Task Write_NewDocument_ThenRead_ReturnsSameBytesAndEtag()
    {
        var etag = await Storage.WriteAsync("stream", "s1", Bytes("hello"), null, None);

        var document = await Storage.ReadAsync("stream", "s1", None);

        Assert.NotNull(document);
        Assert.Equal("hello", Text(document.Data));
        Assert.Equal(etag, document.Etag);
    }

    [Fact]
    public async Task Write_WithCurrentEtag_ReplacesDocumentAndChangesEtag()
    {
        var first = await Storage.WriteAsync("stream", "s1", Bytes("v1"), null, None);

        var second = await Storage.WriteAsync("stream", "s1", Bytes("version two"), first, None);

        Assert.NotEqual(first, second);
        var document = await Storage.ReadAsync("stream", "s1", None);
        Assert.Equal("version two", Text(document!.Data));
        Assert.Equal(second, document.Etag);
    }

    [Fact]
    public async Task Write_WithStaleEtag_ThrowsAndKeepsStoredDocument()
    {
        var first = await Storage.WriteAsync("stream", "s1", Bytes("v1"), null, None);
        var second = await Storage.WriteAsync("stream", "s1", Bytes("v2"), first, None);

        var error = await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteAsync("stream", "s1", Bytes("v3"), first, None));

        Assert.Equal(second, error.StoredEtag);
        Assert.Equal(first, error.CurrentEtag);
        Assert.Equal("v2", Text((await Storage.ReadAsync("stream", "s1", None))!.Data));
    }

    [Fact]
    public async Task Write_CreateWhenDocumentExists_Throws()
    {
        var etag = await Storage.WriteAsync("stream", "s1", Bytes("v1"), null, None);

        var error = await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteAsync("stream", "s1", Bytes("v2"), null, None));

        Assert.Equal(etag, error.StoredEtag);
        Assert.Null(error.CurrentEtag);
    }

    [Fact]
    public async Task Write_WithEtagWhenDocumentMissing_Throws()
    {
        var error = await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteAsync("stream", "s1", Bytes("v1"), "1-0000000000000001", None));

        Assert.Null(error.StoredEtag);
        Assert.Null(await Storage.ReadAsync("stream", "s1", None));
    }

    [Fact]
    public async Task Write_ConcurrentWritersWithSameEtag_ExactlyOneSucceeds()
    {
        var etag = await Storage.WriteAsync("stream", "s1", Bytes("v0"), null, None);
        var writers = new Task<string>[8];
        for (var i = 0; i < writers.Length; i++)
        {
            var value = "writer " + i;
            writers[i] = Task.Run(() => Storage.WriteAsync("stream", "s1", Bytes(value), etag, None));
        }

        var succeeded = 0;
        var conflicts = 0;
        foreach (var writer in writers)
        {
            try
            {
                await writer;
                succeeded++;
            }
            catch (InconsistentStateException)
            {
                conflicts++;
            }
        }

        Assert.Equal(1, succeeded);
        Assert.Equal(writers.Length - 1, conflicts);
    }

    [Fact]
    public async Task Delete_WithCurrentEtag_RemovesDocument()
    {
        var etag = await Storage.WriteAsync("stream", "s1", Bytes("v1"), null, None);

        await Storage.DeleteAsync("stream", "s1", etag, None);

        Assert.Null(await Storage.ReadAsync("stream", "s1", None));
    }

    [Fact]
    public async Task Delete_WithWrongEtag_ThrowsAndKeepsDocument()
    {
        var first = await Storage.WriteAsync("stream", "s1", Bytes("v1"), null, None);
        await Storage.WriteAsync("stream", "s1", Bytes("v2"), first, None);

        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.DeleteAsync("stream", "s1", first, None));
        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.DeleteAsync("stream", "s1", null, None));

        Assert.Equal("v2", Text((await Storage.ReadAsync("stream", "s1", None))!.Data));
    }

    [Fact]
    public async Task Delete_MissingDocumentWithNullEtag_IsNoOp_ButWithEtagThrows()
    {
        await Storage.DeleteAsync("stream", "missing", null, None);

        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.DeleteAsync("stream", "missing", "1-0000000000000001", None));
    }

    [Fact]
    public async Task Write_AfterDeleteAndRecreate_OldEtagNoLongerMatches()
    {
        var old = await Storage.WriteAsync("stream", "s1", Bytes("v1"), null, None);
        await Storage.DeleteAsync("stream", "s1", old, None);
        var recreated = await Storage.WriteAsync("stream", "s1", Bytes("again"), null, None);

        Assert.NotEqual(old, recreated);
        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteAsync("stream", "s1", Bytes("stale"), old, None));
    }

    [Fact]
    public async Task Write_EmptyDocument_RoundTrips()
    {
        var etag = await Storage.WriteAsync("stream", "empty", ReadOnlyMemory<byte>.Empty, null, None);

        var document = await Storage.ReadAsync("stream", "empty", None);

        Assert.Equal(0, document!.Data.Length);
        Assert.Equal(etag, document.Etag);
    }

    [Fact]
    public async Task KeysWithSpecialCharacters_AreDistinctDocuments()
    {
        string[] keys = ["orders/shardId-000000000001", "a:b", "Zeta", "élan", ".hidden", "..", "with space", "per%cent", "x"];
        foreach (var key in keys)
        {
            await Storage.WriteAsync("shard", key, Bytes(key), null, None);
        }

        foreach (var key in keys)
        {
            Assert.Equal(key, Text((await Storage.ReadAsync("shard", key, None))!.Data));
        }
    }

    [Fact]
    public async Task StateTypes_AreSeparateNamespaces()
    {
        await Storage.WriteAsync("stream", "k", Bytes("stream"), null, None);
        await Storage.WriteAsync("consumer", "k", Bytes("consumer"), null, None);

        Assert.Equal("stream", Text((await Storage.ReadAsync("stream", "k", None))!.Data));
        Assert.Equal("consumer", Text((await Storage.ReadAsync("consumer", "k", None))!.Data));
        Assert.Null(await Storage.ReadAsync("unknown", "k", None));
    }

    protected static ReadOnlyMemory<byte> Bytes(string text) => Encoding.UTF8.GetBytes(text);

    protected static string Text(ReadOnlyMemory<byte> bytes) => Encoding.UTF8.GetString(bytes.Span);
}
