using System.Text;
using Azure;

namespace Orleans.Kinesis.AzureBlob.Tests;

[Collection(AzuriteCollection.Name)]
[Trait("Provider", "Blob")]
public sealed class AzureBlobClientTests(AzuriteFixture fixture)
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly AzureBlobClient _client = fixture.Client;
    private readonly string _container = "c" + Guid.NewGuid().ToString("N");

    [Fact]
    public async Task CreateContainer_IsIdempotent_AndDeleteRemovesIt()
    {
        Assert.True(await _client.CreateContainerIfNotExistsAsync(_container, None));
        Assert.False(await _client.CreateContainerIfNotExistsAsync(_container, None));

        Assert.True(await _client.DeleteContainerAsync(_container, None));
        Assert.False(await _client.DeleteContainerAsync(_container, None));
    }

    [Fact]
    public async Task PutBlockBlob_ThenDownload_ReturnsBytesAndETag_AndRangesReturnSlices()
    {
        await _client.CreateContainerIfNotExistsAsync(_container, None);
        var etag = await _client.PutBlockBlobAsync(_container, "dir/a b.bin", Bytes("0123456789"), null, None);

        var whole = await _client.DownloadAsync(_container, "dir/a b.bin", 0, null, null, None);
        var middle = await _client.DownloadAsync(_container, "dir/a b.bin", 3, 4, null, None);
        var tail = await _client.DownloadAsync(_container, "dir/a b.bin", 8, null, null, None);

        Assert.Equal("0123456789", Text(whole!.Content));
        Assert.Equal(etag, whole.ETag);
        Assert.Equal("3456", Text(middle!.Content));
        Assert.Equal(10, middle.BlobLength);
        Assert.Equal("89", Text(tail!.Content));
        Assert.Null(await _client.DownloadAsync(_container, "missing", 0, null, null, None));
    }

    [Fact]
    public async Task OpenRead_StreamsTheBody()
    {
        await _client.CreateContainerIfNotExistsAsync(_container, None);
        var content = new byte[300_000];
        Random.Shared.NextBytes(content);
        await _client.PutBlockBlobAsync(_container, "big", content, null, None);

        await using var stream = await _client.OpenReadAsync(_container, "big", None);
        using var copy = new MemoryStream();
        await stream!.CopyToAsync(copy);

        Assert.Equal(content, copy.ToArray());
        Assert.Null(await _client.OpenReadAsync(_container, "missing", None));
    }

    [Fact]
    public async Task ETagConditions_RefuseStaleWrites_AndCreateOnlyWhenMissing()
    {
        await _client.CreateContainerIfNotExistsAsync(_container, None);
        var first = await _client.PutBlockBlobAsync(_container, "doc", Bytes("v1"), BlobConditions.IfNotExists, None);
        var second = await _client.PutBlockBlobAsync(_container, "doc", Bytes("v2"), new BlobConditions { IfMatch = first }, None);

        var stale = await Assert.ThrowsAsync<RequestFailedException>(() => _client.PutBlockBlobAsync(_container, "doc", Bytes("v3"), new BlobConditions { IfMatch = first }, None));
        var exists = await Assert.ThrowsAsync<RequestFailedException>(() => _client.PutBlockBlobAsync(_container, "doc", Bytes("v4"), BlobConditions.IfNotExists, None));
        var staleDelete = await Assert.ThrowsAsync<RequestFailedException>(() => _client.DeleteBlobAsync(_container, "doc", new BlobConditions { IfMatch = first }, None));

        Assert.NotEqual(first, second);
        Assert.Equal(412, stale.Status);
        Assert.Equal(BlobErrorCodes.ConditionNotMet, stale.ErrorCode);
        Assert.Equal(409, exists.Status);
        Assert.Equal(BlobErrorCodes.BlobAlreadyExists, exists.ErrorCode);
        Assert.Equal(412, staleDelete.Status);
        Assert.Equal("v2", Text((await _client.DownloadAsync(_container, "doc", 0, null, null, None))!.Content));
        Assert.True(await _client.DeleteBlobAsync(_container, "doc", new BlobConditions { IfMatch = second }, None));
        Assert.False(await _client.DeleteBlobAsync(_container, "doc", null, None));
    }

    [Fact]
    public async Task AppendBlock_ReportsOffsets_AndEnforcesAppendPositionAndMaxSize()
    {
        await _client.CreateContainerIfNotExistsAsync(_container, None);
        await _client.CreateAppendBlobAsync(_container, "log", BlobConditions.IfNotExists, None);

        var a = await _client.AppendBlockAsync(_container, "log", Bytes("abc"), new BlobConditions { AppendPosition = 0 }, None);
        var b = await _client.AppendBlockAsync(_container, "log", Bytes("defg"), new BlobConditions { AppendPosition = 3, MaxSize = 7 }, None);
        var wrongPosition = await Assert.ThrowsAsync<RequestFailedException>(() => _client.AppendBlockAsync(_container, "log", Bytes("x"), new BlobConditions { AppendPosition = 3 }, None));
        var tooBig = await Assert.ThrowsAsync<RequestFailedException>(() => _client.AppendBlockAsync(_container, "log", Bytes("h"), new BlobConditions { MaxSize = 7 }, None));

        Assert.Equal((0L, 1), (a.AppendOffset, a.CommittedBlockCount));
        Assert.Equal((3L, 2), (b.AppendOffset, b.CommittedBlockCount));
        Assert.Equal((412, BlobErrorCodes.AppendPositionConditionNotMet), (wrongPosition.Status, wrongPosition.ErrorCode));
        Assert.Equal((412, BlobErrorCodes.MaxBlobSizeConditionNotMet), (tooBig.Status, tooBig.ErrorCode));
        var properties = await _client.GetPropertiesAsync(_container, "log", None);
        Assert.Equal(7, properties!.Length);
        Assert.Equal(2, properties.CommittedBlockCount);
        Assert.Equal("abcdefg", Text((await _client.DownloadAsync(_container, "log", 0, null, null, None))!.Content));
    }

    [Fact]
    public async Task List_FiltersByPrefix_AndPagesWithMarkers()
    {
        await _client.CreateContainerIfNotExistsAsync(_container, None);
        foreach (var name in new[] { "s/b", "s/a", "s/c", "s/d", "s/e", "t/x" })
        {
            await _client.PutBlockBlobAsync(_container, name, Bytes(name), null, None);
        }

        var first = await _client.ListBlobsAsync(_container, "s/", null, 2, None);
        var second = await _client.ListBlobsAsync(_container, "s/", first.NextMarker, 2, None);
        var all = new List<string>();
        await foreach (var item in _client.ListAllBlobsAsync(_container, "s/", None))
        {
            all.Add(item.Name);
        }

        Assert.Equal(["s/a", "s/b"], first.Items.Select(i => i.Name));
        Assert.NotNull(first.NextMarker);
        Assert.Equal(["s/c", "s/d"], second.Items.Select(i => i.Name));
        Assert.Equal(["s/a", "s/b", "s/c", "s/d", "s/e"], all);
        Assert.All(first.Items, i => Assert.Equal(3, i.Length));
        Assert.Empty((await _client.ListBlobsAsync("nocontainer" + Guid.NewGuid().ToString("N"), null, null, null, None)).Items);
    }

    [Fact]
    public async Task Leases_ExcludeOtherWriters_UntilReleasedOrBroken()
    {
        await _client.CreateContainerIfNotExistsAsync(_container, None);
        await _client.CreateAppendBlobAsync(_container, "log", null, None);
        var lease = await _client.AcquireLeaseAsync(_container, "log", 15, null, None);

        var second = await Assert.ThrowsAsync<RequestFailedException>(() => _client.AcquireLeaseAsync(_container, "log", 15, null, None));
        var withoutLease = await Assert.ThrowsAsync<RequestFailedException>(() => _client.AppendBlockAsync(_container, "log", Bytes("x"), null, None));
        await _client.AppendBlockAsync(_container, "log", Bytes("y"), new BlobConditions { LeaseId = lease }, None);
        await _client.RenewLeaseAsync(_container, "log", lease, None);
        var again = await _client.AcquireLeaseAsync(_container, "log", 15, lease, None);
        await _client.ReleaseLeaseAsync(_container, "log", lease, None);
        var other = await _client.AcquireLeaseAsync(_container, "log", 15, null, None);
        await _client.BreakLeaseAsync(_container, "log", 0, None);
        var afterBreak = await _client.AcquireLeaseAsync(_container, "log", -1, null, None);

        Assert.Equal((409, BlobErrorCodes.LeaseAlreadyPresent), (second.Status, second.ErrorCode));
        Assert.Equal(412, withoutLease.Status);
        Assert.Equal(lease, again);
        Assert.NotEqual(lease, other);
        Assert.NotEqual(other, afterBreak);
        Assert.Equal("y", Text((await _client.DownloadAsync(_container, "log", 0, null, null, None))!.Content));
    }

    [Fact]
    public async Task WrongAccountKey_IsRefusedWith403()
    {
        var wrongKey = Convert.ToBase64String(new byte[64]);
        var client = new AzureBlobClient(BlobConnection.Parse($"AccountName=devstoreaccount1;AccountKey={wrongKey};BlobEndpoint={fixture.Azurite.BlobEndpoint}"));

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => client.CreateContainerIfNotExistsAsync(_container, None));

        Assert.Equal(403, error.Status);
    }

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    private static string Text(byte[] bytes) => Encoding.UTF8.GetString(bytes);
}
