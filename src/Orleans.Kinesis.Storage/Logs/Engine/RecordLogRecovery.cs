using Microsoft.Extensions.Logging;
using Orleans.Kinesis.Storage.Diagnostics;
using Orleans.Kinesis.Storage.Logs.Devices;

namespace Orleans.Kinesis.Storage.Logs.Engine;

/// <summary>
/// Opens a shard log on its device. The store takes the log first (the blob writer lease), so no earlier writer can
/// acknowledge anything once the segments are listed. Sealed segments are indexed from their stored index
/// (rescanned, and the index rewritten, when it is missing or does not match); the last segment is fenced and then
/// scanned frame by frame. Its torn or corrupt tail is truncated where the device can (files); an append blob is
/// instead sealed at its valid end and a new segment started.
/// </summary>
internal static partial class RecordLogRecovery
{
    public static async ValueTask<RecordLog> OpenAsync(RecordLogContext context, CancellationToken cancellationToken)
    {
        var store = context.Store;
        var listed = await store.OpenAsync(cancellationToken).ConfigureAwait(false);
        var segments = new List<LogSegment>(listed.Count + 1);
        var index = new FrameIndex();
        var frames = new List<ScannedFrame>();
        long nextOrdinal = -1, lastArrival = 0;
        var scannedCount = 0;
        try
        {
            for (var i = 0; i < listed.Count; i++)
            {
                var isLast = i == listed.Count - 1;
                var tryIndex = listed[i].HasIndex && (!isLast || !store.CanTruncate);
                var device = await store.OpenSegmentAsync(listed[i], forWriting: isLast && !tryIndex, cancellationToken).ConfigureAwait(false);
                var segment = new LogSegment(device);
                segments.Add(segment);
                if (store.CanTruncate && nextOrdinal >= 0 && segment.FirstOrdinal != nextOrdinal)
                {
                    throw new InvalidDataException($"Log segment '{segment.Name}' should start at ordinal {nextOrdinal}.");
                }

                var fromIndex = tryIndex && await TryReadIndexAsync(store, device, frames, cancellationToken).ConfigureAwait(false);
                var torn = false;
                if (!fromIndex)
                {
                    if (tryIndex && isLast)
                    {
                        device.Dispose(); // its index did not hold: fence it before scanning
                        device = await store.OpenSegmentAsync(listed[i], forWriting: true, cancellationToken).ConfigureAwait(false);
                        segments[^1] = segment = new LogSegment(device);
                    }

                    var end = isLast ? long.MaxValue : listed[i + 1].FirstOrdinal;
                    var length = device.Length;
                    var valid = await SegmentScanner.ScanAsync(device, length, end, frames, cancellationToken).ConfigureAwait(false);
                    scannedCount++;
                    torn = valid < length;
                    if (torn && store.CanTruncate)
                    {
                        // Zeros past the last frame are space a file segment wrote ahead of its appends (a crash
                        // before the seal or close cut them): the log ends there, nothing was torn.
                        var zeros = await SegmentScanner.IsZeroAsync(device, valid, length, cancellationToken).ConfigureAwait(false);
                        if (!isLast && !zeros)
                        {
                            throw new InvalidDataException($"Sealed log segment '{segment.Name}' is corrupt at offset {valid}.");
                        }

                        await device.TruncateAsync(valid).ConfigureAwait(false);
                        torn = false;
                        if (zeros)
                        {
                            Log.CutZeros(context.Logger, segment.Name, valid, length - valid);
                        }
                        else
                        {
                            Log.TruncatedTail(context.Logger, segment.Name, valid, length - valid);
                        }
                    }
                    else if (torn && isLast)
                    {
                        Log.TruncatedTail(context.Logger, segment.Name, valid, length - valid);
                    }
                }

                foreach (var frame in frames)
                {
                    index.Add(frame.FirstOrdinal, frame.Count, segment, frame.Offset, frame.Length, frame.ArrivalTimeMs);
                    segment.AddFrame(frame.ArrivalTimeMs, frame.Length);
                    lastArrival = frame.ArrivalTimeMs;
                }

                nextOrdinal = frames.Count > 0 ? frames[^1].FirstOrdinal + frames[^1].Count : segment.FirstOrdinal;
                segment.IsSealed = !isLast || fromIndex || torn;
                if (segment.IsSealed && !fromIndex)
                {
                    await store.WriteIndexAsync(segment.FirstOrdinal, SegmentIndexCodec.Encode(segment.Length, LastFrames(index, segment.FrameCount)), cancellationToken).ConfigureAwait(false);
                    Log.IndexRebuilt(context.Logger, segment.Name);
                    if (isLast)
                    {
                        await device.SealAsync().ConfigureAwait(false);
                    }
                }
            }

            await StartActiveSegmentAsync(store, segments, nextOrdinal, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            foreach (var segment in segments)
            {
                segment.Device.Dispose();
            }

            await store.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        nextOrdinal = Math.Max(nextOrdinal, segments[^1].FirstOrdinal);
        Log.Recovered(context.Logger, store.Name, segments.Count, scannedCount, segments[0].FirstOrdinal, nextOrdinal);
        return new RecordLog(context, segments, index, nextOrdinal, lastArrival);
    }

    private static async ValueTask<bool> TryReadIndexAsync(ISegmentStore store, ISegmentDevice device, List<ScannedFrame> frames, CancellationToken cancellationToken)
    {
        var content = await store.ReadIndexAsync(device.FirstOrdinal, cancellationToken).ConfigureAwait(false);
        return content is not null && SegmentIndexCodec.TryDecode(content, device.FirstOrdinal, device.Length, exactLength: store.CanTruncate, frames);
    }

    /// <summary>Makes sure the last segment is an open one: none yet, or the last sealed (a blob's torn tail), starts a new one.</summary>
    private static async ValueTask StartActiveSegmentAsync(ISegmentStore store, List<LogSegment> segments, long nextOrdinal, CancellationToken cancellationToken)
    {
        if (segments.Count == 0)
        {
            segments.Add(new LogSegment(await store.CreateSegmentAsync(0, cancellationToken).ConfigureAwait(false)));
        }
        else if (segments[^1] is { IsSealed: true } last)
        {
            if (last.FrameCount == 0)
            {
                // Nothing valid in it: replace it rather than leave two segments starting at the same ordinal.
                await store.DeleteSegmentsAsync([last.Device], cancellationToken).ConfigureAwait(false);
                segments[^1] = new LogSegment(await store.CreateSegmentAsync(last.FirstOrdinal, cancellationToken).ConfigureAwait(false));
            }
            else
            {
                segments.Add(new LogSegment(await store.CreateSegmentAsync(nextOrdinal, cancellationToken).ConfigureAwait(false)));
            }
        }
    }

    private static FrameEntry[] LastFrames(FrameIndex index, int count)
    {
        var frames = new FrameEntry[count];
        for (var i = 0; i < count; i++)
        {
            frames[i] = index[index.Count - count + i];
        }

        return frames;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = StorageEventIds.LogRecovered, Level = LogLevel.Debug, Message = "Opened log {Log}: {SegmentCount} segments ({Scanned} scanned), ordinals {FirstOrdinal} to {NextOrdinal}.")]
        public static partial void Recovered(ILogger logger, string log, int segmentCount, int scanned, long firstOrdinal, long nextOrdinal);

        [LoggerMessage(EventId = StorageEventIds.LogTruncatedTail, Level = LogLevel.Warning, Message = "Log segment {Name} had a torn or corrupt tail: {Length} valid bytes kept, {DroppedBytes} bytes dropped.")]
        public static partial void TruncatedTail(ILogger logger, string name, long length, long droppedBytes);

        [LoggerMessage(EventId = StorageEventIds.LogZerosCut, Level = LogLevel.Information, Message = "Log segment {Name} ends at {Length} bytes: {ZeroBytes} bytes of zeros written ahead of its appends were cut.")]
        public static partial void CutZeros(ILogger logger, string name, long length, long zeroBytes);

        [LoggerMessage(EventId = StorageEventIds.LogIndexRebuilt, Level = LogLevel.Information, Message = "Rebuilt missing or stale segment index of {Name}.")]
        public static partial void IndexRebuilt(ILogger logger, string name);
    }
}
