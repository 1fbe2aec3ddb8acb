using System.Diagnostics.Metrics;
using System.Text;
using Azure.Storage.Blobs.Specialized;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Kinesis.Storage.Blobs;
using Orleans.Kinesis.Storage.Logs;
using Orleans.Kinesis.Storage.Logs.Blobs;
using Orleans.Kinesis.Storage.Options;
using Orleans.Kinesis.Storage.Tests.TestSupport;

namespace Orleans.Kinesis.Storage.Tests.Logs;

/// <summary>
/// Shard logs written by the two log classes this engine replaced (commit 30e6514: ten one-record appends, "data-0" to
/// "data-9", arrival 1000 + i, 200-byte segments; files under Logs/EarlierFormat/files, the blob segments and their
/// "OKI1" indexes under Logs/EarlierFormat/blob) open with every record, and take new appends after them.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class EarlierFormatTests(AzuriteFixture fixture) : IDisposable
{
    private const int Written = 10;
    private static readonly string Fixtures = Path.Combine(AppContext.BaseDirectory, "Logs", "EarlierFormat");
    private readonly FileLogHarness _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    [Trait("Provider", "File")]
    public async Task FileLog_WrittenByTheEarlierFileLog_OpensWithEveryRecord()
    {
        var shard = _files.ShardDirectory("orders", 0);
        Directory.CreateDirectory(shard);
        foreach (var file in Directory.EnumerateFiles(Path.Combine(Fixtures, "files")))
        {
            File.Copy(file, Path.Combine(shard, Path.GetFileName(file)));
        }

        await using var store = _files.CreateStore(200, 1024 * 1024);
        await AssertOpensAndAppendsAsync(store);
    }

    [Fact]
    [Trait("Provider", "Blob")]
    public async Task BlobLog_WrittenByTheEarlierBlobLog_OpensWithEveryRecord()
    {
        var container = fixture.NewContainer();
        await container.EnsureCreatedAsync(CancellationToken.None);
        foreach (var file in Directory.EnumerateFiles(Path.Combine(Fixtures, "blob")))
        {
            var name = "streams/orders/shardId-000000000000/" + Path.GetFileName(file);
            var content = await File.ReadAllBytesAsync(file);
            if (name.EndsWith(".log", StringComparison.Ordinal))
            {
                var blob = container.Client.GetAppendBlobClient(name);
                await blob.CreateAsync();
                if (content.Length > 0)
                {
                    using var stream = new MemoryStream(content);
                    await blob.AppendBlockAsync(stream);
                }
            }
            else
            {
                await container.Client.GetBlobClient(name).UploadAsync(BinaryData.FromBytes(content));
            }
        }

        var meters = new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>();
        await using var store = new BlobRecordLogStore(
            container, Microsoft.Extensions.Options.Options.Create(new BlobStorageOptions { SegmentMaxBytes = 200 }), NullLogger<BlobRecordLogStore>.Instance, meters, TimeProvider.System);
        await AssertOpensAndAppendsAsync(store);
    }

    private static async Task AssertOpensAndAppendsAsync(IRecordLogStore store)
    {
        await using (var log = await store.OpenAsync("orders", 0, CancellationToken.None))
        {
            Assert.Equal(Written, log.NextOrdinal);
            Assert.Equal(1000 + Written - 1, log.LastArrivalTimeMs);
            Assert.Equal(4, await log.FindByArrivalTimeAsync(1004, CancellationToken.None));
            var appended = log.Append([new(Encoding.UTF8.GetBytes("pk-new"), Encoding.UTF8.GetBytes("data-" + Written))], 2000);
            await appended.Durable.WithGuard("an append after the earlier records");
            Assert.Equal(Written, appended.FirstOrdinal);
        }

        await using var reopened = await store.OpenAsync("orders", 0, CancellationToken.None);
        using var read = await reopened.ReadAsync(0, 100, long.MaxValue, CancellationToken.None);
        Assert.Equal(
            Enumerable.Range(0, Written + 1).Select(i => "data-" + i),
            read.Records.ToArray().Select(r => Encoding.UTF8.GetString(r.Data.Span)));
        Assert.Equal(Enumerable.Range(0, Written + 1).Select(i => (long)i), read.Records.ToArray().Select(r => r.Ordinal));
    }
}
