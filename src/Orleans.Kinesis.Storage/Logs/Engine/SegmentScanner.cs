using System.Buffers;
using Orleans.Kinesis.Storage.Logs.Devices;

namespace Orleans.Kinesis.Storage.Logs.Engine;

/// <summary>Reads a segment frame by frame, checking lengths, CRCs and ordinal continuity, through a window of a few MiB.</summary>
internal static class SegmentScanner
{
    private const int WindowBytes = 4 * 1024 * 1024;

    /// <summary>
    /// Collects the valid frames of the segment's first <paramref name="length"/> bytes and returns the length of
    /// that valid prefix; everything after it (a torn or corrupt frame and whatever follows) is not to be trusted.
    /// Frames at or past <paramref name="endOrdinal"/> (where the next segment starts) are not taken.
    /// </summary>
    public static async ValueTask<long> ScanAsync(ISegmentDevice segment, long length, long endOrdinal, List<ScannedFrame> frames, CancellationToken cancellationToken)
    {
        frames.Clear();
        long offset = 0, windowStart = 0;
        var windowLength = 0;
        var expectedOrdinal = segment.FirstOrdinal;
        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Clamp(length, FrameCodec.HeaderLength, WindowBytes));
        try
        {
            while (length - offset >= FrameCodec.HeaderLength)
            {
                if (offset + FrameCodec.HeaderLength > windowStart + windowLength)
                {
                    windowStart = offset;
                    windowLength = (int)Math.Min(buffer.Length, length - offset);
                    await segment.ReadAsync(buffer.AsMemory(0, windowLength), offset, cancellationToken).ConfigureAwait(false);
                }

                var header = buffer.AsSpan((int)(offset - windowStart), FrameCodec.HeaderLength);
                var frameLength = FrameCodec.ReadLength(header);
                if (frameLength < FrameCodec.HeaderLength || frameLength > length - offset || FrameCodec.ReadFirstOrdinal(header) != expectedOrdinal)
                {
                    break;
                }

                if (offset + frameLength > windowStart + windowLength)
                {
                    if (buffer.Length < frameLength)
                    {
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = ArrayPool<byte>.Shared.Rent(frameLength);
                    }

                    windowStart = offset;
                    windowLength = (int)Math.Min(buffer.Length, length - offset);
                    await segment.ReadAsync(buffer.AsMemory(0, windowLength), offset, cancellationToken).ConfigureAwait(false);
                }

                var frame = buffer.AsSpan((int)(offset - windowStart), frameLength);
                var count = FrameCodec.ReadCount(frame);
                if (!FrameCodec.IsValid(frame) || expectedOrdinal + count > endOrdinal)
                {
                    break;
                }

                frames.Add(new ScannedFrame(expectedOrdinal, count, offset, frameLength, FrameCodec.ReadArrival(frame)));
                expectedOrdinal += count;
                offset += frameLength;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return offset;
    }

    /// <summary>Whether bytes <paramref name="from"/> to <paramref name="to"/> of the segment are all zero.</summary>
    public static async ValueTask<bool> IsZeroAsync(ISegmentDevice segment, long from, long to, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Clamp(to - from, 1, WindowBytes));
        try
        {
            for (var offset = from; offset < to;)
            {
                var length = (int)Math.Min(buffer.Length, to - offset);
                await segment.ReadAsync(buffer.AsMemory(0, length), offset, cancellationToken).ConfigureAwait(false);
                if (buffer.AsSpan(0, length).ContainsAnyExcept((byte)0))
                {
                    return false;
                }

                offset += length;
            }

            return true;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
