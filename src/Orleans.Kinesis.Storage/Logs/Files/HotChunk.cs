namespace Orleans.Kinesis.Storage.Logs.Files;

/// <summary>Bytes of consecutive durable frames of one segment, kept in memory exactly as written to the file.</summary>
internal readonly record struct HotChunk(byte[] Buffer, int BufferOffset, int Length, LogSegment Segment, long SegmentOffset)
{
    public bool Contains(LogSegment segment, long segmentOffset) =>
        ReferenceEquals(segment, Segment) && segmentOffset >= SegmentOffset && segmentOffset < SegmentOffset + Length;
}
