using Orleans.Kinesis.Storage.Logs;
using Orleans.Kinesis.Storage.Logs.Engine;
using Orleans.Kinesis.Storage.Logs.Files;
using Orleans.Kinesis.Storage.Tests.TestSupport;

namespace Orleans.Kinesis.Storage.Tests.Logs;

[Trait("Provider", "File")]
public sealed class FileRecordLogTests : RecordLogConformanceTests, IDisposable
{
    private readonly FileLogHarness _harness = new();

    protected override IRecordLogStore CreateStore(long segmentMaxBytes = DefaultSegmentBytes) =>
        _harness.CreateStore(segmentMaxBytes, hotTailBytes: 32 * 1024 * 1024);

    public void Dispose() => _harness.Dispose();

    [Fact]
    public async Task OpenAsync_CreatesShardFolderWithFirstSegment()
    {
        await using var log = await CreateStore().OpenAsync("orders", 3, None);

        Assert.True(File.Exists(Path.Combine(_harness.ShardDirectory("orders", 3), "00000000000000000000.log")));
    }

    [Fact]
    public async Task OpenAsync_SameLogTwice_Throws_UntilDisposed()
    {
        var store = CreateStore();
        var log = await store.OpenAsync("orders", 0, None);

        await Assert.ThrowsAsync<InvalidOperationException>(async () => await store.OpenAsync("orders", 0, None));

        await log.DisposeAsync();
        await using var again = await store.OpenAsync("orders", 0, None);
    }

    [Fact]
    public async Task DisposingTheStore_FlushesAndClosesOpenLogs()
    {
        var store = _harness.CreateStore(DefaultSegmentBytes, 1024 * 1024);
        var log = await store.OpenAsync("orders", 0, None);
        var append = log.Append([Record("pk-0", "data-0"), Record("pk-1", "data-1")], 1);

        await store.DisposeAsync();

        Assert.True(append.Durable.IsCompletedSuccessfully);
        Assert.Throws<ObjectDisposedException>(() => log.Append([Record("k", "late")], 2));
        await using var reopened = await CreateStore().OpenAsync("orders", 0, None);
        await AssertAllRecordsAsync(reopened, 2);
    }

    [Fact]
    public async Task HotTail_ReadResultStillHeld_IsNotOverwrittenWhenItsMemoryIsEvicted()
    {
        await using var log = await _harness.CreateStore(DefaultSegmentBytes, hotTailBytes: 64 * 1024).OpenAsync("orders", 0, None);
        await log.Append([Record("pk-0", "data-0"), Record("pk-1", "data-1")], 1).Durable;
        using var held = await log.ReadAsync(0, 10, long.MaxValue, None);

        for (var i = 0; i < 200; i++)
        {
            await log.Append([Record("pk-x", new string((char)('a' + (i % 26)), 2000))], 2).Durable;
        }

        using var later = await log.ReadAsync(0, 2, long.MaxValue, None);
        Assert.Equal(2, held.Count);
        Assert.Equal("data-0", Text(held.Records[0].Data));
        Assert.Equal("pk-1", Text(held.Records[1].PartitionKey));
        Assert.Equal("data-1", Text(later.Records[1].Data));
    }

    [Fact]
    public async Task Reopen_WithGarbageAfterLastFrame_DropsOnlyTheGarbage()
    {
        var (segment, _) = await WriteThreeFramesAsync();
        var goodLength = new FileInfo(segment).Length;
        await File.AppendAllTextAsync(segment, "garbage that is not a frame at all, longer than a frame header");

        await using var log = await CreateStore().OpenAsync("orders", 0, None);

        Assert.Equal(6, log.DurableOrdinal);
        Assert.Equal(goodLength, new FileInfo(segment).Length);
        await AssertAllRecordsAsync(log, 6);
        await AssertAppendContinuesAtAsync(log, 6);
    }

    [Fact]
    public async Task Reopen_WithHalfWrittenLastFrame_DropsThatFrameOnly()
    {
        var (segment, lengthAfterTwoFrames) = await WriteThreeFramesAsync();
        using (var stream = new FileStream(segment, FileMode.Open))
        {
            stream.SetLength(stream.Length - 5);
        }

        await using var log = await CreateStore().OpenAsync("orders", 0, None);

        Assert.Equal(4, log.DurableOrdinal);
        Assert.Equal(lengthAfterTwoFrames, new FileInfo(segment).Length);
        await AssertAllRecordsAsync(log, 4);
        await AssertAppendContinuesAtAsync(log, 4);
    }

    [Fact]
    public async Task Reopen_WithFlippedByteInLastFrame_DropsThatFrameOnly()
    {
        var (segment, lengthAfterTwoFrames) = await WriteThreeFramesAsync();
        await FlipByteAsync(segment, new FileInfo(segment).Length - 3);

        await using var log = await CreateStore().OpenAsync("orders", 0, None);

        Assert.Equal(4, log.DurableOrdinal);
        Assert.Equal(lengthAfterTwoFrames, new FileInfo(segment).Length);
        await AssertAllRecordsAsync(log, 4);
        await AssertAppendContinuesAtAsync(log, 4);
    }

    [Fact]
    public async Task Reopen_WithOnlyAHeaderFragment_RecoversAnEmptyLog()
    {
        var directory = _harness.ShardDirectory("orders", 0);
        await using (await CreateStore().OpenAsync("orders", 0, None))
        {
        }

        var segment = Path.Combine(directory, "00000000000000000000.log");
        await File.WriteAllBytesAsync(segment, [40, 0, 0, 0, 1, 2]);

        await using var log = await CreateStore().OpenAsync("orders", 0, None);

        Assert.Equal(0, log.NextOrdinal);
        Assert.Equal(0, new FileInfo(segment).Length);
        await AssertAppendContinuesAtAsync(log, 0);
    }

    [Fact]
    public async Task SegmentRollOver_WritesIndexForSealedSegmentsOnly()
    {
        await using (var log = await AppendedLogAsync(CreateStore(segmentMaxBytes: 512), frames: 40, recordsPerFrame: 2))
        {
        }

        var directory = _harness.ShardDirectory("orders", 0);
        var logs = Directory.GetFiles(directory, "*.log");
        var indexes = Directory.GetFiles(directory, "*.idx");
        Assert.True(logs.Length > 3, "expected several segments, found " + logs.Length);
        Assert.Equal(logs.Length - 1, indexes.Length);
    }

    [Fact]
    public async Task Reopen_WithMissingOrCorruptIndex_RescansSegmentAndRewritesIndex()
    {
        await using (var log = await AppendedLogAsync(CreateStore(segmentMaxBytes: 512), frames: 40, recordsPerFrame: 2))
        {
        }

        var indexes = Directory.GetFiles(_harness.ShardDirectory("orders", 0), "*.idx");
        Array.Sort(indexes, StringComparer.Ordinal);
        File.Delete(indexes[0]);
        await FlipByteAsync(indexes[1], 30);

        await using var reopened = await CreateStore(segmentMaxBytes: 512).OpenAsync("orders", 0, None);

        await AssertAllRecordsAsync(reopened, 80);
        Assert.True(File.Exists(indexes[0]));
    }

    [Fact]
    public async Task Trim_NeverRemovesTheActiveSegment()
    {
        await using var log = await CreateStore(segmentMaxBytes: 256).OpenAsync("orders", 0, None);
        for (var i = 0; i < 3; i++)
        {
            log.Append([Record("k", "data-" + i + new string('x', 150))], 1000);
        }

        await log.FlushAsync(None).WithGuard("flushing");

        await log.TrimAsync(long.MaxValue, None);

        Assert.Equal(2, log.FirstOrdinal);
        using var read = await log.ReadAsync(0, 10, long.MaxValue, None);
        Assert.Equal([2L], Ordinals(read));
    }

    [Fact]
    public async Task GroupCommit_AppendsWaitingBehindAFlush_ShareOneWriteAndOneFlush()
    {
        var io = new ControllableFileIo();
        await using var log = await _harness.CreateStore(DefaultSegmentBytes, 1024 * 1024, io).OpenAsync("orders", 0, None);
        var fileLog = Assert.IsType<RecordLog>(log);
        var held = io.HoldNextFlush();
        var first = log.Append([Record("k", "first")], 1);
        await held.WithGuard("waiting for the first flush to start");

        var durables = new Task[1000];
        var appenders = new Task[8];
        for (var a = 0; a < appenders.Length; a++)
        {
            var appender = a;
            appenders[a] = Task.Run(() =>
            {
                for (var i = appender; i < durables.Length; i += appenders.Length)
                {
                    durables[i] = log.Append([Record("k", "record-" + i)], 2).Durable;
                }
            });
        }

        await Task.WhenAll(appenders).WithGuard("appending behind the held flush");
        Assert.False(first.Durable.IsCompleted);
        Assert.Equal(0, log.DurableOrdinal);
        io.ReleaseFlush();
        await Task.WhenAll(durables).WithGuard("waiting for the coalesced appends");
        await first.Durable;

        Assert.Equal(2, fileLog.FlushCount);
        Assert.Equal(2, io.Flushes);
        Assert.Equal(1001, log.DurableOrdinal);
    }

    [Fact]
    public async Task GroupCommit_ManyConcurrentAppends_NeedFewerFlushesThanAppends()
    {
        var io = new ControllableFileIo();
        await using var log = await _harness.CreateStore(DefaultSegmentBytes, 1024 * 1024, io).OpenAsync("orders", 0, None);
        var fileLog = Assert.IsType<RecordLog>(log);
        var held = io.HoldNextFlush();
        var appends = new List<Task>();
        appends.Add(log.Append([Record("k", "first")], 1).Durable);
        await held.WithGuard("waiting for the first flush to start");
        for (var i = 0; i < 200; i++)
        {
            appends.Add(log.Append([Record("k", "v")], 1).Durable);
        }

        io.ReleaseFlush();
        await Task.WhenAll(appends).WithGuard("waiting for appends");

        Assert.True(fileLog.FlushCount < appends.Count / 10, "flushes: " + fileLog.FlushCount);
    }

    [Fact]
    public async Task FailedWrite_FaultsTheAppend_AcknowledgesNothing_ThenTheLogHealsWithoutReopening()
    {
        var io = new ControllableFileIo();
        var store = _harness.CreateStore(DefaultSegmentBytes, 1024 * 1024, io);
        await using (var log = await store.OpenAsync("orders", 0, None))
        {
            await log.Append([Record("pk-0", "data-0")], 1).Durable;
            io.FailWrites = true;

            var failed = log.Append([Record("pk-1", "data-1")], 2);
            await Assert.ThrowsAsync<IOException>(() => failed.Durable.WithGuard("waiting for the failed append"));
            var stillFailing = log.Append([Record("pk-1", "data-1")], 3);
            await Assert.ThrowsAsync<IOException>(() => stillFailing.Durable.WithGuard("waiting for an append while writes fail"));
            Assert.Equal(1, log.DurableOrdinal);

            io.FailWrites = false;
            var healed = log.Append([Record("pk-1", "data-1")], 4);
            await healed.Durable.WithGuard("waiting for an append once writes work again");
            Assert.Equal(1, healed.FirstOrdinal);
            await AssertAllRecordsAsync(log, 2);
        }

        await using var reopened = await CreateStore().OpenAsync("orders", 0, None);
        await AssertAllRecordsAsync(reopened, 2);
        await AssertAppendContinuesAtAsync(reopened, 2);
    }

    [Fact]
    public async Task FailedFlush_FaultsTheAppend_AndKeepsDurableOrdinal()
    {
        var io = new ControllableFileIo();
        await using var log = await _harness.CreateStore(DefaultSegmentBytes, 1024 * 1024, io).OpenAsync("orders", 0, None);
        await log.Append([Record("pk-0", "data-0")], 1).Durable;
        io.FailFlushes = true;

        var failed = log.Append([Record("pk-1", "data-1")], 2);

        await Assert.ThrowsAsync<IOException>(() => failed.Durable.WithGuard("waiting for the failed append"));
        Assert.Equal(1, log.DurableOrdinal);
        using var read = await log.ReadAsync(0, 10, long.MaxValue, None);
        Assert.Equal([0L], Ordinals(read));
    }

    /// <summary>Writes frames (0,1), (2,3), (4,5) to orders/0, disposes, and returns the segment path and its length before the third frame.</summary>
    private async Task<(string Segment, long LengthAfterTwoFrames)> WriteThreeFramesAsync()
    {
        var segment = Path.Combine(_harness.ShardDirectory("orders", 0), "00000000000000000000.log");
        await using (await AppendedLogAsync(CreateStore(), frames: 2, recordsPerFrame: 2))
        {
        }

        var length = new FileInfo(segment).Length; // closed: no zeros written ahead are left
        await using var log = await CreateStore().OpenAsync("orders", 0, None);
        await log.Append([Record("pk-4", "data-4"), Record("pk-5", "data-5")], 2000).Durable;
        return (segment, length);
    }

    private static async Task FlipByteAsync(string path, long offset)
    {
        var bytes = await File.ReadAllBytesAsync(path);
        bytes[offset] ^= 0x5A;
        await File.WriteAllBytesAsync(path, bytes);
    }

    private static async Task AssertAppendContinuesAtAsync(IRecordLog log, long expectedOrdinal)
    {
        var append = log.Append([Record("pk-" + expectedOrdinal, "data-" + expectedOrdinal)], 9000);
        await append.Durable.WithGuard("appending after recovery");
        Assert.Equal(expectedOrdinal, append.FirstOrdinal);
        await AssertAllRecordsAsync(log, (int)expectedOrdinal + 1);
    }
}
