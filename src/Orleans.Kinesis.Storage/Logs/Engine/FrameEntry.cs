namespace Orleans.Kinesis.Storage.Logs.Engine;

/// <summary>Where one durable frame lives and what it holds.</summary>
internal readonly record struct FrameEntry(
    long FirstOrdinal,
    int Count,
    LogSegment Segment,
    long Offset,
    int Length,
    long ArrivalTimeMs,
    long MaxArrivalTimeMs)
{
    public long EndOrdinal => FirstOrdinal + Count;

    /// <summary>Partition key plus data bytes of all records of the frame.</summary>
    public long PayloadBytes => Length - FrameCodec.HeaderLength - ((long)FrameCodec.RecordOverhead * Count);
}
