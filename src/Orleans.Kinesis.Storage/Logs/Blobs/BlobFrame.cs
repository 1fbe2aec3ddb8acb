namespace Orleans.Kinesis.Storage.Logs.Blobs;

/// <summary>Where a durable frame lives in its segment blob, what it holds, and its copy in the hot tail (if still there).</summary>
internal readonly record struct BlobFrame(long FirstOrdinal, int Count, long Offset, int Length, long ArrivalTimeMs, long MaxArrivalTimeMs, BlobHotChunk? Hot, int HotOffset)
{
    public long EndOrdinal => FirstOrdinal + Count;
}
