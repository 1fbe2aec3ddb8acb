namespace Orleans.Kinesis.Storage.Logs.Engine;

/// <summary>Bytes of consecutive durable frames of one segment, held in a hot-tail block exactly as written to the file.</summary>
internal readonly record struct HotChunk(HotBlock Block, int BufferOffset, int Length, LogSegment Segment, long SegmentOffset)
{
    public bool Contains(LogSegment segment, long segmentOffset) =>
        ReferenceEquals(segment, Segment) && segmentOffset >= SegmentOffset && segmentOffset < SegmentOffset + Length;
}
