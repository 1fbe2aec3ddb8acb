using System.Collections.Concurrent;
using System.Text;
using Orleans.Kinesis.Abstractions.Records;
using Orleans.Kinesis.Storage.Logs;
using Orleans.Kinesis.Storage.Tests.TestSupport;

namespace Orleans.Kinesis.Storage.Tests.Logs;

/// <summary>The behaviour every <see cref="IRecordLogStore"/> provider must have.</summary>
public abstract class RecordLogConformanceTests
{
    protected const long DefaultSegmentBytes = 1024 * 1024;
    protected static readonly CancellationToken None = CancellationToken.None;

    /// <summary>A store over this test's storage; called again to simulate a restart.</summary>
    protected abstract IRecordLogStore CreateStore(long segmentMaxBytes = DefaultSegmentBytes);

    [Fact]
    public async Task NewLog_IsEmpty()
    {
        await using var log = await CreateStore().OpenAsync("orders", 0, None);

        Assert.Equal(0, log.FirstOrdinal);
        Assert.Equal(0, log.DurableOrdinal);
        Assert.Equal(0, log.NextOrdinal);
        Assert.Equal(0, log.LastArrivalTimeMs);
        using var read = await log.ReadAsync(0, 100, long.MaxValue, None);
        Assert.Equal(0, read.Count);
        Assert.Equal(0, read.NextOrdinal);
        Assert.Equal(0, await log.FindByArrivalTimeAsync(0, None));
    }

    [Fact]
    public async Task Append_AssignsContiguousOrdinals_AndReadReturnsRecordsInOrder()
    {
        await using var log = await CreateStore().OpenAsync("orders", 0, None);

        var first = log.Append([Record("pk-a", "one"), Record("pk-b", "two", flags: 3)], 1000);
        var second = log.Append([Record("pk-c", "three")], 1001);
        await Task.WhenAll(first.Durable, second.Durable).WithGuard("waiting for appends to be durable");

        Assert.Equal(0, first.FirstOrdinal);
        Assert.Equal(2, second.FirstOrdinal);
        Assert.Equal(3, log.DurableOrdinal);
        Assert.Equal(3, log.NextOrdinal);
        Assert.Equal(1001, log.LastArrivalTimeMs);
        using var read = await log.ReadAsync(0, 100, long.MaxValue, None);
        Assert.Equal(3, read.Count);
        Assert.Equal(3, read.NextOrdinal);
        AssertRecord(read.Records[0], 0, 1000, "pk-a", "one", 0);
        AssertRecord(read.Records[1], 1, 1000, "pk-b", "two", 3);
        AssertRecord(read.Records[2], 2, 1001, "pk-c", "three", 0);
    }

    [Fact]
    public async Task Append_WithAnExpectedFirstOrdinal_IsRefusedUnlessTheLogIsThere()
    {
        await using var log = await CreateStore().OpenAsync("orders", 0, None);
        await log.Append([Record("pk-a", "one")], 1000).Durable.WithGuard("waiting for the first append");

        var refused = log.Append([Record("pk-b", "sealed for 5")], 1001, expectedFirstOrdinal: 5);
        var accepted = log.Append([Record("pk-c", "sealed for 1")], 1002, expectedFirstOrdinal: 1);

        await Assert.ThrowsAsync<IOException>(() => refused.Durable).WithGuard("waiting for the refusal");
        await accepted.Durable.WithGuard("waiting for the expected append");
        Assert.Equal(1, accepted.FirstOrdinal);
        Assert.Equal(2, log.NextOrdinal);
        using var read = await log.ReadAsync(0, 100, long.MaxValue, None);
        Assert.Equal(["one", "sealed for 1"], read.Records.ToArray().Select(r => Text(r.Data)));
    }

    [Fact]
    public async Task Read_FromMiddleOfABatch_StartsAtThatOrdinal()
    {
        await using var log = await AppendedLogAsync(CreateStore(), frames: 3, recordsPerFrame: 4);

        using var read = await log.ReadAsync(5, 3, long.MaxValue, None);

        Assert.Equal([5L, 6, 7], Ordinals(read));
        Assert.Equal(8, read.NextOrdinal);
        Assert.Equal("data-6", Text(read.Records[1].Data));
    }

    [Fact]
    public async Task Read_StopsAtMaxRecords()
    {
        await using var log = await AppendedLogAsync(CreateStore(), frames: 5, recordsPerFrame: 10);

        using var read = await log.ReadAsync(0, 7, long.MaxValue, None);

        Assert.Equal(7, read.Count);
        Assert.Equal(7, read.NextOrdinal);
    }

    [Fact]
    public async Task Read_StopsBeforeMaxBytesWouldBePassed_ButAlwaysReturnsOneRecord()
    {
        await using var log = await CreateStore().OpenAsync("orders", 0, None);
        await log.Append([Record("k", new string('a', 99)), Record("k", new string('b', 99)), Record("k", new string('c', 99))], 1).Durable;

        using (var read = await log.ReadAsync(0, 100, 250, None))
        {
            Assert.Equal(2, read.Count); // 100 + 100 bytes fit, a third would make 300
            Assert.Equal(2, read.NextOrdinal);
        }

        using (var single = await log.ReadAsync(0, 100, 10, None))
        {
            Assert.Equal(1, single.Count);
            Assert.Equal(1, single.NextOrdinal);
        }
    }

    [Fact]
    public async Task Read_AtOrPastTheEnd_ReturnsNothingAndKeepsPosition()
    {
        await using var log = await AppendedLogAsync(CreateStore(), frames: 1, recordsPerFrame: 2);

        using var atEnd = await log.ReadAsync(2, 10, long.MaxValue, None);
        using var past = await log.ReadAsync(50, 10, long.MaxValue, None);

        Assert.Equal(0, atEnd.Count);
        Assert.Equal(2, atEnd.NextOrdinal);
        Assert.Equal(0, past.Count);
        Assert.Equal(50, past.NextOrdinal);
    }

    [Fact]
    public async Task Read_LargeRecord_RoundTrips()
    {
        await using var log = await CreateStore().OpenAsync("orders", 0, None);
        var data = new byte[1024 * 1024 + 17];
        new Random(42).NextBytes(data);

        await log.Append([new RecordEntry("big"u8.ToArray(), data)], 5).Durable;

        using var read = await log.ReadAsync(0, 10, long.MaxValue, None);
        Assert.Equal(1, read.Count);
        Assert.True(read.Records[0].Data.Span.SequenceEqual(data));
    }

    [Fact]
    public async Task ConcurrentAppenders_GetDistinctContiguousOrdinals_AndEachReadsBackItsOwnData()
    {
        const int Appenders = 16, AppendsEach = 500;
        await using var log = await CreateStore().OpenAsync("orders", 0, None);
        var owner = new ConcurrentDictionary<long, string>();
        var appenders = new Task[Appenders];
        for (var a = 0; a < Appenders; a++)
        {
            var appender = a;
            appenders[a] = Task.Run(async () =>
            {
                var durables = new List<Task>(AppendsEach);
                for (var i = 0; i < AppendsEach; i++)
                {
                    var data = appender + ":" + i;
                    var append = log.Append([Record("pk" + appender, data)], 1000);
                    Assert.True(owner.TryAdd(append.FirstOrdinal, data));
                    durables.Add(append.Durable);
                }

                await Task.WhenAll(durables);
            });
        }

        await Task.WhenAll(appenders).WithGuard("waiting for 16 concurrent appenders");

        Assert.Equal(Appenders * AppendsEach, log.DurableOrdinal);
        var ordinal = 0L;
        while (ordinal < log.DurableOrdinal)
        {
            using var read = await log.ReadAsync(ordinal, 1000, long.MaxValue, None);
            Assert.True(read.Count > 0);
            foreach (var record in read.Records)
            {
                Assert.Equal(ordinal, record.Ordinal);
                Assert.Equal(owner[ordinal], Text(record.Data));
                ordinal++;
            }
        }

        Assert.Equal(Appenders * AppendsEach, owner.Count);
    }

    [Fact]
    public async Task Reads_WhileAppending_OnlySeeDurableAndCorrectRecords()
    {
        const int Total = 600;
        await using var log = await CreateStore(segmentMaxBytes: 16 * 1024).OpenAsync("orders", 0, None);
        var writer = Task.Run(async () =>
        {
            for (var i = 0; i < Total; i += 3)
            {
                await log.Append([Record("k", "data-" + i), Record("k", "data-" + (i + 1)), Record("k", "data-" + (i + 2))], i).Durable;
            }
        });

        using var guard = new CancellationTokenSource(TestTimeouts.Guard);
        var position = 0L;
        while (position < Total)
        {
            Assert.False(guard.IsCancellationRequested, "Timed out reading while appending at ordinal " + position);
            if (writer.IsFaulted)
            {
                await writer;
            }

            using var read = await log.ReadAsync(position, 250, long.MaxValue, None);
            Assert.True(read.NextOrdinal <= Math.Max(log.DurableOrdinal, position));
            foreach (var record in read.Records)
            {
                Assert.Equal(position, record.Ordinal);
                Assert.Equal("data-" + position, Text(record.Data));
                position++;
            }

            if (read.Count == 0)
            {
                await Task.Yield();
            }
        }

        await writer.WithGuard("finishing the writer");
    }

    [Fact]
    public async Task FindByArrivalTime_ReturnsFirstRecordArrivedAtOrAfter()
    {
        await using var log = await CreateStore().OpenAsync("orders", 0, None);
        log.Append([Record("k", "a"), Record("k", "b")], 1000);
        log.Append([Record("k", "c")], 2000);
        log.Append([Record("k", "d")], 3000);
        await log.FlushAsync(None).WithGuard("flushing");

        Assert.Equal(0, await log.FindByArrivalTimeAsync(0, None));
        Assert.Equal(0, await log.FindByArrivalTimeAsync(1000, None));
        Assert.Equal(2, await log.FindByArrivalTimeAsync(1001, None));
        Assert.Equal(2, await log.FindByArrivalTimeAsync(2000, None));
        Assert.Equal(3, await log.FindByArrivalTimeAsync(2500, None));
        Assert.Equal(4, await log.FindByArrivalTimeAsync(3001, None));
    }

    [Fact]
    public async Task FindByArrivalTime_WhenClockStepsBack_UsesRunningMaximum()
    {
        await using var log = await CreateStore().OpenAsync("orders", 0, None);
        log.Append([Record("k", "a")], 1000);
        log.Append([Record("k", "b")], 3000);
        log.Append([Record("k", "c")], 2500);
        log.Append([Record("k", "d")], 4000);
        await log.FlushAsync(None).WithGuard("flushing");

        Assert.Equal(1, await log.FindByArrivalTimeAsync(2600, None));
        Assert.Equal(1, await log.FindByArrivalTimeAsync(2000, None));
        Assert.Equal(3, await log.FindByArrivalTimeAsync(3500, None));
    }

    [Fact]
    public async Task Reopen_AfterDispose_RestoresEverything()
    {
        var store = CreateStore();
        await using (var log = await AppendedLogAsync(store, frames: 4, recordsPerFrame: 3))
        {
            Assert.Equal(12, log.DurableOrdinal);
        }

        await using var reopened = await CreateStore().OpenAsync("orders", 0, None);

        Assert.Equal(0, reopened.FirstOrdinal);
        Assert.Equal(12, reopened.DurableOrdinal);
        Assert.Equal(12, reopened.NextOrdinal);
        Assert.Equal(1003, reopened.LastArrivalTimeMs);
        using var read = await reopened.ReadAsync(0, 100, long.MaxValue, None);
        Assert.Equal(12, read.Count);
        for (var i = 0; i < 12; i++)
        {
            Assert.Equal("data-" + i, Text(read.Records[i].Data));
        }

        var next = reopened.Append([Record("k", "data-12")], 2000);
        await next.Durable;
        Assert.Equal(12, next.FirstOrdinal);
    }

    [Fact]
    public async Task SegmentRollOver_KeepsEveryRecordReadable_AcrossReopen()
    {
        const int Frames = 60;
        var store = CreateStore(segmentMaxBytes: 512);
        await using (var log = await AppendedLogAsync(store, frames: Frames, recordsPerFrame: 2))
        {
            await AssertAllRecordsAsync(log, Frames * 2);
        }

        await using var reopened = await CreateStore(segmentMaxBytes: 512).OpenAsync("orders", 0, None);

        await AssertAllRecordsAsync(reopened, Frames * 2);
        Assert.Equal(0, await reopened.FindByArrivalTimeAsync(1000, None));
        Assert.Equal(20, await reopened.FindByArrivalTimeAsync(1010, None));
        await reopened.Append([Record("pk-120", "data-120")], 5000).Durable;
        await AssertAllRecordsAsync(reopened, (Frames * 2) + 1);
    }

    [Fact]
    public async Task Trim_RemovesOldRecords_AndKeepsEverythingArrivedSinceCutoff()
    {
        // Each frame is bigger than half a segment, so every frame gets a segment of its own.
        await using var log = await CreateStore(segmentMaxBytes: 256).OpenAsync("orders", 0, None);
        for (var i = 0; i < 10; i++)
        {
            log.Append([Record("k", "data-" + i + new string('x', 150))], (i + 1) * 1000);
        }

        await log.FlushAsync(None).WithGuard("flushing");

        await log.TrimAsync(5500, None);

        Assert.Equal(5, log.FirstOrdinal);
        Assert.Equal(10, log.DurableOrdinal);
        using var read = await log.ReadAsync(0, 100, long.MaxValue, None);
        Assert.Equal([5L, 6, 7, 8, 9], Ordinals(read));
        Assert.StartsWith("data-5", Text(read.Records[0].Data), StringComparison.Ordinal);
        Assert.Equal(5, await log.FindByArrivalTimeAsync(0, None));
    }

    [Fact]
    public async Task Trim_SurvivesReopen()
    {
        var store = CreateStore(segmentMaxBytes: 256);
        await using (var log = await store.OpenAsync("orders", 0, None))
        {
            for (var i = 0; i < 6; i++)
            {
                log.Append([Record("k", "data-" + i + new string('x', 150))], (i + 1) * 1000);
            }

            await log.FlushAsync(None).WithGuard("flushing");
            await log.TrimAsync(3500, None);
        }

        await using var reopened = await CreateStore(segmentMaxBytes: 256).OpenAsync("orders", 0, None);

        Assert.Equal(3, reopened.FirstOrdinal);
        Assert.Equal(6, reopened.NextOrdinal);
        using var read = await reopened.ReadAsync(0, 100, long.MaxValue, None);
        Assert.Equal([3L, 4, 5], Ordinals(read));
    }

    [Fact]
    public async Task FlushAsync_CompletesWhenEverythingAppendedIsDurable()
    {
        await using var log = await CreateStore().OpenAsync("orders", 0, None);
        for (var i = 0; i < 100; i++)
        {
            log.Append([Record("k", "data-" + i)], 1000);
        }

        await log.FlushAsync(None).WithGuard("flushing");

        Assert.Equal(100, log.DurableOrdinal);
    }

    [Fact]
    public async Task ShardLogs_AreIndependent_AndDeleteStreamRemovesThem()
    {
        var store = CreateStore();
        await using (var shard0 = await store.OpenAsync("orders", 0, None))
        await using (var shard1 = await store.OpenAsync("orders", 1, None))
        await using (var other = await store.OpenAsync("payments", 0, None))
        {
            await shard0.Append([Record("k", "zero")], 1).Durable;
            await shard1.Append([Record("k", "one"), Record("k", "one-b")], 1).Durable;
            await other.Append([Record("k", "pay")], 1).Durable;
            Assert.Equal(1, shard0.DurableOrdinal);
            Assert.Equal(2, shard1.DurableOrdinal);
        }

        await store.DeleteStreamAsync("orders", None);

        await using var recreated = await store.OpenAsync("orders", 1, None);
        Assert.Equal(0, recreated.NextOrdinal);
        await using var kept = await store.OpenAsync("payments", 0, None);
        Assert.Equal(1, kept.NextOrdinal);
    }

    protected static RecordEntry Record(string partitionKey, string data, byte flags = 0) =>
        new(Encoding.UTF8.GetBytes(partitionKey), Encoding.UTF8.GetBytes(data), flags);

    protected static string Text(ReadOnlyMemory<byte> bytes) => Encoding.UTF8.GetString(bytes.Span);

    protected static long[] Ordinals(RecordBatch read)
    {
        var ordinals = new long[read.Count];
        for (var i = 0; i < read.Count; i++)
        {
            ordinals[i] = read.Records[i].Ordinal;
        }

        return ordinals;
    }

    /// <summary>Opens "orders"/0 and appends frames of records "data-N" (N = ordinal), frame f arriving at 1000 + f.</summary>
    protected static async Task<IRecordLog> AppendedLogAsync(IRecordLogStore store, int frames, int recordsPerFrame)
    {
        var log = await store.OpenAsync("orders", 0, None);
        var ordinal = 0;
        for (var f = 0; f < frames; f++)
        {
            var records = new RecordEntry[recordsPerFrame];
            for (var r = 0; r < recordsPerFrame; r++)
            {
                records[r] = Record("pk-" + ordinal, "data-" + ordinal);
                ordinal++;
            }

            log.Append(records, 1000 + f);
        }

        await log.FlushAsync(None).WithGuard("flushing the appended log");
        return log;
    }

    protected static async Task AssertAllRecordsAsync(IRecordLog log, int expected)
    {
        var position = 0L;
        while (position < expected)
        {
            using var read = await log.ReadAsync(position, 7, long.MaxValue, None);
            Assert.True(read.Count > 0, "no records at " + position);
            foreach (var record in read.Records)
            {
                Assert.Equal(position, record.Ordinal);
                Assert.Equal("data-" + position, Text(record.Data));
                Assert.Equal("pk-" + position, Text(record.PartitionKey));
                position++;
            }
        }

        Assert.Equal(expected, log.DurableOrdinal);
    }

    private static void AssertRecord(RecordView record, long ordinal, long arrival, string partitionKey, string data, byte flags)
    {
        Assert.Equal(ordinal, record.Ordinal);
        Assert.Equal(arrival, record.ArrivalTimeMs);
        Assert.Equal(partitionKey, Text(record.PartitionKey));
        Assert.Equal(data, Text(record.Data));
        Assert.Equal(flags, record.Flags);
    }
}
