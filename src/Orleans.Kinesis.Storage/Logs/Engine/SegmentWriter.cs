using Microsoft.Extensions.Logging;
using Orleans.Kinesis.Storage.Diagnostics;
using Orleans.Kinesis.Storage.Logs.Devices;

namespace Orleans.Kinesis.Storage.Logs.Engine;

/// <summary>
/// The flusher's side of a log: appends sealed frames at the active segment's durable end, publishes them to the
/// <see cref="SegmentTable"/>, rolls to a new segment when the active one is full (its index stored first), and after
/// a failed write re-verifies the tail before writing again. Used by one flusher at a time.
/// </summary>
internal sealed partial class SegmentWriter(RecordLogContext context, SegmentTable table, LogSegment active)
{
    private readonly ISegmentStore _store = context.Store;
    private LogSegment _active = active;
    private bool _resync;
    private long _flushCount;

    /// <summary>How many runs were written and flushed (one per coalesced batch and segment, or per Append Block).</summary>
    public long FlushCount => Interlocked.Read(ref _flushCount);

    /// <summary>After a failed write: what the active segment holds past the durable end is unknown until checked.</summary>
    public void MustResync() => _resync = true;

    /// <summary>
    /// Writes a batch in runs (one per segment, and per Append Block on a blob), rolling segments as needed, and
    /// publishes each run once it is durable. After a failure the tail is re-verified first.
    /// </summary>
    public async Task WriteBatchAsync(byte[] buffer, PendingFrame[] frames, int frameCount)
    {
        if (_store.Refusal() is { } refusal)
        {
            throw refusal;
        }

        if (_resync)
        {
            await ResyncAsync().ConfigureAwait(false);
        }

        for (var i = 0; i < frameCount; i++)
        {
            FrameCodec.Seal(buffer.AsSpan(frames[i].BufferOffset, frames[i].Length));
        }

        var maxRun = _store.MaxAppendBytes;
        var start = 0;
        while (start < frameCount)
        {
            var first = frames[start].Length;
            if (_active.Length > 0 && (_active.Length + first > context.SegmentMaxBytes || !_active.Device.HasRoomFor(first)))
            {
                await RollAsync(frames[start].FirstOrdinal).ConfigureAwait(false);
            }

            var end = start + 1;
            long bytes = first;
            while (end < frameCount
                && bytes + frames[end].Length <= maxRun
                && _active.Length + bytes + frames[end].Length <= context.SegmentMaxBytes
                && _active.Device.HasRoomFor((int)(bytes + frames[end].Length)))
            {
                bytes += frames[end].Length;
                end++;
            }

            await WriteRunAsync(buffer, frames, start, end, (int)bytes).ConfigureAwait(false);
            start = end;
        }
    }

    /// <summary>
    /// After a failed write: when the device holds exactly the durable bytes, go on in the active segment. Otherwise
    /// what it holds past the durable end is unknown: seal the segment at the durable end (its index names exactly
    /// the durable frames) and go on in a new one, or start an empty segment over.
    /// </summary>
    private async Task ResyncAsync()
    {
        var clean = await _active.Device.HasExactLengthAsync(_active.Length).ConfigureAwait(false);
        if (!clean && _active.FrameCount > 0)
        {
            await RollAsync(table.DurableOrdinal).ConfigureAwait(false);
        }
        else if (!clean)
        {
            var stale = _active;
            await _store.DeleteSegmentsAsync([stale.Device], CancellationToken.None).ConfigureAwait(false);
            var fresh = new LogSegment(await _store.CreateSegmentAsync(stale.FirstOrdinal, CancellationToken.None).ConfigureAwait(false));
            table.ReplaceLast(fresh);
            _active = fresh;
        }

        _resync = false;
    }

    private async Task WriteRunAsync(byte[] buffer, PendingFrame[] frames, int start, int end, int length)
    {
        var started = context.TimeProvider.GetTimestamp();
        var bufferOffset = frames[start].BufferOffset;
        var segment = _active;
        var segmentOffset = segment.Length;
        await segment.Device.AppendAsync(buffer.AsMemory(bufferOffset, length), segmentOffset).ConfigureAwait(false);
        if (_store.Refusal() is { } late)
        {
            throw late; // stored under the lease, but the lease may have lapsed meanwhile: not acknowledged
        }

        Interlocked.Increment(ref _flushCount);
        var instruments = context.Instruments;
        instruments.Flushes.Add(1);
        instruments.BytesWritten.Add(length);
        if (instruments.FlushDuration.Enabled)
        {
            instruments.FlushDuration.Record(context.TimeProvider.GetElapsedTime(started).TotalSeconds);
        }

        table.Publish(segment, segmentOffset, buffer, frames, start, end, length);
    }

    /// <summary>Seals the active segment (its index stored) and starts a new one at <paramref name="firstOrdinal"/>.</summary>
    private async Task RollAsync(long firstOrdinal)
    {
        var sealedSegment = _active;
        var frames = table.FramesOf(sealedSegment);
        await _store.WriteIndexAsync(sealedSegment.FirstOrdinal, SegmentIndexCodec.Encode(sealedSegment.Length, frames), CancellationToken.None).ConfigureAwait(false);
        var next = new LogSegment(await _store.CreateSegmentAsync(firstOrdinal, CancellationToken.None).ConfigureAwait(false));
        table.Roll(sealedSegment, next);

        _active = next;
        await sealedSegment.Device.SealAsync().ConfigureAwait(false);
        Log.SegmentSealed(context.Logger, sealedSegment.Name, sealedSegment.FrameCount, sealedSegment.Length);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = StorageEventIds.LogSegmentSealed, Level = LogLevel.Debug, Message = "Sealed log segment {Name}: {FrameCount} frames, {Length} bytes.")]
        public static partial void SegmentSealed(ILogger logger, string name, int frameCount, long length);
    }
}
