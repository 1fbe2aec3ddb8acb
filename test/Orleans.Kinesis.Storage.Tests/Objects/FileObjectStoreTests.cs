using Microsoft.Extensions.Options;
using Orleans.Kinesis.Storage.Objects;
using Orleans.Kinesis.Storage.Options;
using Orleans.Kinesis.Storage.Tests.TestSupport;

namespace Orleans.Kinesis.Storage.Tests.Objects;

[Trait("Provider", "File")]
public sealed class FileObjectStoreTests : ObjectStoreConformanceTests, IDisposable
{
    private readonly TempDirectory _directory = new();

    public FileObjectStoreTests()
        => Store = new FileObjectStore(Microsoft.Extensions.Options.Options.Create(new FileStorageOptions { DataDirectory = _directory.Path }));

    protected override IObjectStore Store { get; }

    [Fact]
    public async Task Objects_AreFilesUnderTheBucketFolder_WithNoTemporaryFilesLeft()
    {
        await Store.PutAsync("bucket", "2026/11/30/22/object", "content"u8.ToArray(), CancellationToken.None);

        Assert.Equal("content", File.ReadAllText(Path.Combine(_directory.Path, "buckets", "bucket", "2026", "11", "30", "22", "object")));
        Assert.Empty(Directory.GetFiles(Path.Combine(_directory.Path, "buckets", ".incoming")));
    }

    [Theory]
    [InlineData("bucket", "../escape")]
    [InlineData("bucket", "a/../../escape")]
    [InlineData("bucket", "folder/")]
    [InlineData("../bucket", "object")]
    [InlineData(".incoming", "object")]
    public async Task NamesOutsideTheContainer_AreRefused(string container, string name)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Store.PutAsync(container, name, "x"u8.ToArray(), CancellationToken.None));
        Assert.False(File.Exists(Path.Combine(_directory.Path, "escape")));
    }

    public void Dispose() => _directory.Dispose();
}
