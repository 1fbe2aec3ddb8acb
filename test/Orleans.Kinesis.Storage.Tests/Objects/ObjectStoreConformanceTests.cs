using Orleans.Kinesis.Storage.Objects;

namespace Orleans.Kinesis.Storage.Tests.Objects;

/// <summary>What every <see cref="IObjectStore"/> provider must do.</summary>
public abstract class ObjectStoreConformanceTests
{
    protected abstract IObjectStore Store { get; }

    [Fact]
    public async Task Put_Get_Replace_Delete()
    {
        await Store.EnsureContainerAsync("bucket", CancellationToken.None);
        Assert.Null(await Store.GetAsync("bucket", "a/b/object", CancellationToken.None));
        await Store.PutAsync("bucket", "a/b/object", new byte[] { 1, 2, 3 }, CancellationToken.None);
        Assert.Equal(new byte[] { 1, 2, 3 }, await Store.GetAsync("bucket", "a/b/object", CancellationToken.None));
        await Store.PutAsync("bucket", "a/b/object", new byte[] { 9 }, CancellationToken.None);
        Assert.Equal(new byte[] { 9 }, await Store.GetAsync("bucket", "a/b/object", CancellationToken.None));
        Assert.True(await Store.DeleteAsync("bucket", "a/b/object", CancellationToken.None));
        Assert.False(await Store.DeleteAsync("bucket", "a/b/object", CancellationToken.None));
        Assert.Null(await Store.GetAsync("bucket", "a/b/object", CancellationToken.None));
    }

    [Fact]
    public async Task List_ByPrefix_InOrdinalOrder_PerContainer()
    {
        foreach (var name in (string[])["x/2", "x/10", "y/1", "x/1/deep"])
        {
            await Store.PutAsync("listing", name, "d"u8.ToArray(), CancellationToken.None);
        }

        await Store.PutAsync("other", "x/3", "d"u8.ToArray(), CancellationToken.None);
        Assert.Equal(["x/1/deep", "x/10", "x/2"], await ToListAsync(Store.ListAsync("listing", "x/", CancellationToken.None)));
        Assert.Equal(4, (await ToListAsync(Store.ListAsync("listing", "", CancellationToken.None))).Count);
        Assert.Empty(await ToListAsync(Store.ListAsync("missing", "", CancellationToken.None)));
    }

    [Fact]
    public async Task EmptyObject_IsStored()
    {
        await Store.PutAsync("bucket", "empty", ReadOnlyMemory<byte>.Empty, CancellationToken.None);
        Assert.Empty((await Store.GetAsync("bucket", "empty", CancellationToken.None))!);
    }

    private static async Task<List<string>> ToListAsync(IAsyncEnumerable<string> names)
    {
        var list = new List<string>();
        await foreach (var name in names)
        {
            list.Add(name);
        }

        return list;
    }
}
