using System.Diagnostics.Metrics;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Kinesis.Abstractions.Records;
using Orleans.Kinesis.Storage.Blobs;
using Orleans.Kinesis.Storage.Logs;
using Orleans.Kinesis.Storage.Logs.Blobs;
using Orleans.Kinesis.Storage.Logs.Engine;
using Orleans.Kinesis.Storage.Options;
using Orleans.Kinesis.Storage.Tests.TestSupport;

namespace Orleans.Kinesis.Storage.Tests.Logs;

[Collection(AzuriteCollection.Name)]
[Trait("Provider", "Blob")]
public sealed class BlobRecordLogTests(AzuriteFixture fixture) : RecordLogConformanceTests
{
    private static readonly IMeterFactory Meters = new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>();
    private readonly BlobContainer _container = fixture.NewContainer();

    protected override IRecordLogStore CreateStore(long segmentMaxBytes = DefaultSegmentBytes) => CreateStore(segmentMaxBytes, 4 * 1024 * 1024, 1024 * 1024);

    [Fact]
    public async Task ConcurrentAppends_AreCoalescedIntoFewAppendBlocks()
    {
        await using var log = (RecordLog)await CreateStore().OpenAsync("orders", 0, None);

        var appends = new List<LogAppend>();
        for (var i = 0; i < 200; i++)
        {
            appends.Add(log.Append([Record("pk-" + i, "data-" + i)], 1000 + i));
        }

        await Task.WhenAll(appends.Select(a => a.Durable)).WithGuard("waiting for 200 appends");

        var properties = await _container.Client.GetAppendBlobClient("streams/orders/shardId-000000000000/" + SegmentNames.Stem(0) + ".log").GetPropertiesAsync(cancellationToken: None);
        Assert.InRange(properties.Value.BlobCommittedBlockCount, 1, 20);
        await AssertAllRecordsAsync(log, 200);
    }

    [Fact]
    public async Task FrameLargerThanABlock_IsSplitAcrossBlocks_AndReadsBackWhole()
    {
        await using var log = await CreateStore(DefaultSegmentBytes, maxBlockBytes: 1000, hotTailBytes: 0).OpenAsync("orders", 0, None);
        var data = new string('x', 5000);

        await log.Append([Record("pk", data)], 5).Durable.WithGuard("waiting for a 5 KB frame");

        using var read = await log.ReadAsync(0, 10, long.MaxValue, None);
        Assert.Equal(data, Text(read.Records[0].Data));
    }

    [Fact]
    public async Task SegmentRollsOver_BeforeTheBlockLimit()
    {
        var options = Options(DefaultSegmentBytes, 4 * 1024 * 1024, 0);
        options.SegmentMaxBlocks = 3;
        await using var log = (RecordLog)await CreateStore(options).OpenAsync("orders", 0, None);

        for (var i = 0; i < 7; i++)
        {
            await log.Append([Record("pk-" + i, "data-" + i)], i).Durable.WithGuard("waiting for an append");
        }

        Assert.Equal(3, log.SegmentCount);
        await AssertAllRecordsAsync(log, 7);
    }

    [Fact]
    public async Task TornTail_IsIgnoredOnOpen_AndNewAppendsGoToANewSegment()
    {
        await using (var log = await CreateStore().OpenAsync("orders", 0, None))
        {
            await log.Append([Record("a", "one"), Record("b", "two")], 10).Durable.WithGuard("waiting for an append");
        }

        var segment = "streams/orders/shardId-000000000000/" + SegmentNames.Stem(0) + ".log";
        await _container.Client.GetBlobClient(segment).GetBlobLeaseClient().BreakAsync(TimeSpan.Zero, cancellationToken: None); // what a crashed writer leaves
        using var torn = new MemoryStream([60, 0, 0, 0, 1, 2, 3]);
        await _container.Client.GetAppendBlobClient(segment).AppendBlockAsync(torn, cancellationToken: None);

        await using var reopened = await CreateStore().OpenAsync("orders", 0, None);
        Assert.Equal(2, reopened.NextOrdinal);
        await reopened.Append([Record("c", "three")], 11).Durable.WithGuard("waiting for an append after recovery");
        using var read = await reopened.ReadAsync(0, 10, long.MaxValue, None);
        Assert.Equal(["one", "two", "three"], read.Records.ToArray().Select(r => Text(r.Data)));
    }

    [Fact]
    public async Task SecondWriter_CannotOpenTheLog_WhileTheLeaseIsHeld()
    {
        await using var log = await CreateStore().OpenAsync("orders", 0, None);
        var options = Options(DefaultSegmentBytes, 4 * 1024 * 1024, 0);
        var other = CreateStore(options);

        var lease = (await _container.Client.GetBlobClient("streams/orders/shardId-000000000000/writer.lock").GetPropertiesAsync(cancellationToken: None)).Value;
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await other.OpenAsync("orders", 0, cancel.Token));
        Assert.Equal(LeaseState.Leased, lease.LeaseState);
    }

    private IRecordLogStore CreateStore(long segmentMaxBytes, int maxBlockBytes, long hotTailBytes) =>
        CreateStore(Options(segmentMaxBytes, maxBlockBytes, hotTailBytes));

    private BlobRecordLogStore CreateStore(BlobStorageOptions options) =>
        new(_container, Microsoft.Extensions.Options.Options.Create(options), NullLogger<BlobRecordLogStore>.Instance, Meters, TimeProvider.System);

    private static BlobStorageOptions Options(long segmentMaxBytes, int maxBlockBytes, long hotTailBytes) =>
        new() { SegmentMaxBytes = segmentMaxBytes, MaxBlockBytes = maxBlockBytes, HotTailBytes = hotTailBytes };
}
