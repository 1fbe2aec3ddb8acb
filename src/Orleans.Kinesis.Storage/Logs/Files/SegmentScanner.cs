using System.Buffers;

namespace Orleans.Kinesis.Storage.Logs.Files;

/// <summary>Reads a segment frame by frame, checking lengths, CRCs and ordinal continuity.</summary>
internal static class SegmentScanner
{
    /// <summary>
    /// Collects the valid frames of <paramref name="segment"/> from its start and returns the length of that valid
    /// prefix; everything after it (a torn or corrupt frame and whatever follows) is not to be trusted.
    /// </summary>
    public static long Scan(LogSegment segment, long fileLength, List<ScannedFrame> frames)
    {
        frames.Clear();
        Span<byte> header = stackalloc byte[FrameCodec.HeaderLength];
        long offset = 0;
        var expectedOrdinal = segment.FirstOrdinal;
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            while (fileLength - offset >= FrameCodec.HeaderLength)
            {
                if (RandomAccess.Read(segment.Handle, header, offset) != header.Length)
                {
                    break;
                }

                var length = FrameCodec.ReadLength(header);
                if (length < FrameCodec.HeaderLength || length > fileLength - offset
                    || FrameCodec.ReadFirstOrdinal(header) != expectedOrdinal)
                {
                    break;
                }

                if (buffer.Length < length)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = ArrayPool<byte>.Shared.Rent(length);
                }

                var frame = buffer.AsSpan(0, length);
                if (!ReadExactly(segment, frame, offset) || !FrameCodec.IsValid(frame))
                {
                    break;
                }

                var count = FrameCodec.ReadCount(frame);
                frames.Add(new ScannedFrame(expectedOrdinal, count, offset, length, FrameCodec.ReadArrival(frame)));
                expectedOrdinal += count;
                offset += length;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return offset;
    }

    private static bool ReadExactly(LogSegment segment, Span<byte> destination, long offset)
    {
        while (!destination.IsEmpty)
        {
            var read = RandomAccess.Read(segment.Handle, destination, offset);
            if (read <= 0)
            {
                return false;
            }

            destination = destination[read..];
            offset += read;
        }

        return true;
    }
}
