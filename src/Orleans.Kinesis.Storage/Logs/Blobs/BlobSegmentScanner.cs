using Orleans.Kinesis.Storage.Logs.Files;

namespace Orleans.Kinesis.Storage.Logs.Blobs;

/// <summary>Finds the valid frames of a downloaded segment: lengths, CRCs and ordinal continuity, stopping at the first bad frame.</summary>
internal static class BlobSegmentScanner
{
    /// <summary>Fills <paramref name="segment"/>'s frames; frames at or past <paramref name="endOrdinal"/> are not taken.</summary>
    public static void Scan(ReadOnlySpan<byte> content, BlobSegment segment, long previousMaxArrival, long endOrdinal)
    {
        segment.Frames.Clear();
        long offset = 0;
        var expected = segment.FirstOrdinal;
        var maxArrival = previousMaxArrival;
        while (content.Length - offset >= FrameCodec.HeaderLength)
        {
            var rest = content[(int)offset..];
            var length = FrameCodec.ReadLength(rest);
            if (length < FrameCodec.HeaderLength || length > rest.Length || FrameCodec.ReadFirstOrdinal(rest) != expected
                || !FrameCodec.IsValid(rest[..length]))
            {
                break;
            }

            var count = FrameCodec.ReadCount(rest);
            if (expected + count > endOrdinal)
            {
                break;
            }

            var arrival = FrameCodec.ReadArrival(rest);
            maxArrival = Math.Max(maxArrival, arrival);
            segment.Frames.Add(new BlobFrame(expected, count, offset, length, arrival, maxArrival, null, 0));
            expected += count;
            offset += length;
        }

        segment.Length = offset;
    }
}
