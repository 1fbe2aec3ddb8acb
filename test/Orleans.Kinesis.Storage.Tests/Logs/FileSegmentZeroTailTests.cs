using System.Text;
using Orleans.Kinesis.Abstractions.Records;
using Orleans.Kinesis.Storage.Logs;
using Orleans.Kinesis.Storage.Logs.Files;
using Orleans.Kinesis.Storage.Tests.TestSupport;

namespace Orleans.Kinesis.Storage.Tests.Logs;

/// <summary>
/// File segments write zeros ahead of small appends (so their flushes change no file size) and cut them at seal or
/// close; after a crash the zeros are still there, and recovery must end the log at its last frame without losing or
/// inventing a record.
/// </summary>
[Trait("Provider", "File")]
public sealed class FileSegmentZeroTailTests : IDisposable
{
    private const long SegmentBytes = 1024 * 1024;
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly FileLogHarness _harness = new();

    private string FirstSegment => Path.Combine(_harness.ShardDirectory("orders", 0), "00000000000000000000.log");

    public void Dispose() => _harness.Dispose();

    [Fact]
    public async Task ASmallAppend_LandsInZerosWrittenAhead_WhichTheCloseCuts()
    {
        long dataLength;
        await using (var log = await Store().OpenAsync("orders", 0, None))
        {
            await log.Append([Record(0)], 1000).Durable;
            Assert.Equal(FileSegmentDevice.ZeroChunkBytes, new FileInfo(FirstSegment).Length);
            await log.Append([Record(1)], 1001).Durable;
            Assert.Equal(FileSegmentDevice.ZeroChunkBytes, new FileInfo(FirstSegment).Length); // no growth for the second
            dataLength = (await File.ReadAllBytesAsync(FirstSegment)).AsSpan().LastIndexOfAnyExcept((byte)0) + 1;
        }

        Assert.InRange(new FileInfo(FirstSegment).Length, dataLength, dataLength + 3); // a frame may end in zero bytes
        await using var reopened = await Store().OpenAsync("orders", 0, None);
        await AssertRecordsAsync(reopened, 2);
    }

    [Fact]
    public void Flushes_UseFdatasync_OnLinux()
    {
        using var file = File.OpenHandle(Path.Combine(_harness.DataDirectory, "probe"), FileMode.Create, FileAccess.ReadWrite);
        LogFileIo.Instance.Write(file, [1, 2, 3], 0);
        LogFileIo.Instance.FlushToDisk(file);

        Assert.Equal(OperatingSystem.IsLinux(), LogFileIo.UsesDataSync);
    }

    [Fact]
    public async Task Reopen_AfterACrashThatLeftZerosAhead_EndsTheLogAtItsLastFrame()
    {
        var dataLength = await WriteClosedLogAsync(records: 5);
        await AppendBytesAsync(FirstSegment, new byte[FileSegmentDevice.ZeroChunkBytes]); // as a crash before the close leaves it

        await using var log = await Store().OpenAsync("orders", 0, None);

        Assert.Equal(5, log.DurableOrdinal);
        Assert.Equal(dataLength, new FileInfo(FirstSegment).Length);
        await AssertRecordsAsync(log, 5);
        await log.Append([Record(5)], 2000).Durable;
        await AssertRecordsAsync(log, 6);
    }

    [Fact]
    public async Task Reopen_AfterACrashMidWriteIntoTheZeros_DropsOnlyTheTornFrame()
    {
        var dataLength = await WriteClosedLogAsync(records: 3);
        var torn = new byte[FileSegmentDevice.ZeroChunkBytes];
        var frame = await LastFrameAsync();
        frame.AsSpan(0, frame.Length / 2).CopyTo(torn); // half of a frame landed, the rest is still zeros
        await AppendBytesAsync(FirstSegment, torn);

        await using var log = await Store().OpenAsync("orders", 0, None);

        Assert.Equal(3, log.DurableOrdinal);
        Assert.Equal(dataLength, new FileInfo(FirstSegment).Length);
        await AssertRecordsAsync(log, 3);
    }

    [Fact]
    public async Task Reopen_AfterACrashBeforeASealedSegmentsZerosWereCut_KeepsEveryRecord()
    {
        await using (var log = await Store(segmentBytes: 512).OpenAsync("orders", 0, None))
        {
            for (var i = 0; i < 40; i++)
            {
                await log.Append([Record(i)], 1000 + i).Durable;
            }
        }

        var sealedLength = new FileInfo(FirstSegment).Length;
        await AppendBytesAsync(FirstSegment, new byte[4096]); // crashed after the index was written, before the cut

        await using var reopened = await Store(segmentBytes: 512).OpenAsync("orders", 0, None);

        await AssertRecordsAsync(reopened, 40);
        Assert.Equal(sealedLength, new FileInfo(FirstSegment).Length);
    }

    [Fact]
    public async Task Reopen_WithNonZeroBytesAfterASealedSegmentsFrames_StillRefusesTheLog()
    {
        await using (var log = await Store(segmentBytes: 512).OpenAsync("orders", 0, None))
        {
            for (var i = 0; i < 20; i++)
            {
                await log.Append([Record(i)], 1000 + i).Durable;
            }
        }

        var garbage = new byte[4096];
        garbage[100] = 7;
        await AppendBytesAsync(FirstSegment, garbage);

        await Assert.ThrowsAsync<InvalidDataException>(async () => await Store(segmentBytes: 512).OpenAsync("orders", 0, None));
    }

    private FileRecordLogStore Store(long segmentBytes = SegmentBytes) => _harness.CreateStore(segmentBytes, hotTailBytes: 1024 * 1024);

    /// <summary>Appends records 0..n-1 one by one, closes the log, and returns the segment's length (its data).</summary>
    private async Task<long> WriteClosedLogAsync(int records)
    {
        await using (var log = await Store().OpenAsync("orders", 0, None))
        {
            for (var i = 0; i < records; i++)
            {
                await log.Append([Record(i)], 1000 + i).Durable;
            }
        }

        return new FileInfo(FirstSegment).Length;
    }

    /// <summary>The bytes of the segment's last frame (all frames here are one record of the same size).</summary>
    private async Task<byte[]> LastFrameAsync()
    {
        var bytes = await File.ReadAllBytesAsync(FirstSegment);
        var frameLength = BitConverter.ToInt32(bytes, 0);
        return bytes[^frameLength..];
    }

    private static async Task AppendBytesAsync(string path, byte[] bytes)
    {
        await using var stream = new FileStream(path, FileMode.Append);
        await stream.WriteAsync(bytes);
    }

    private static async Task AssertRecordsAsync(IRecordLog log, int count)
    {
        using var read = await log.ReadAsync(0, 1000, long.MaxValue, None);
        Assert.Equal(count, read.Count);
        for (var i = 0; i < count; i++)
        {
            Assert.Equal(i, read.Records[i].Ordinal);
            Assert.Equal("data-" + i, Encoding.UTF8.GetString(read.Records[i].Data.Span));
        }
    }

    private static RecordEntry Record(int ordinal) => new(Encoding.UTF8.GetBytes("pk-" + ordinal), Encoding.UTF8.GetBytes("data-" + ordinal), 0);
}
