namespace Orleans.Kinesis.Storage.Logs.Files;

/// <summary>
/// The most recently written frames of a log, bounded in bytes (whole chunks are evicted, oldest first).
/// Chunk buffers are immutable once added and are never returned to a pool, because readers may still hold
/// slices of them after eviction. Not thread-safe: the log guards it.
/// </summary>
internal sealed class HotTail(long capacityBytes)
{
    private readonly Queue<HotChunk> _chunks = new();
    private long _bytes;

    /// <summary>Adds a chunk and evicts old ones; false when the chunk itself did not fit (it was never visible).</summary>
    public bool Add(HotChunk chunk)
    {
        if (chunk.Length > capacityBytes)
        {
            return false;
        }

        _chunks.Enqueue(chunk);
        _bytes += chunk.Length;
        while (_bytes > capacityBytes)
        {
            _bytes -= _chunks.Dequeue().Length;
        }

        return true;
    }

    public bool TryLocate(LogSegment segment, long segmentOffset, out byte[] buffer, out int bufferOffset)
    {
        foreach (var chunk in _chunks)
        {
            if (chunk.Contains(segment, segmentOffset))
            {
                buffer = chunk.Buffer;
                bufferOffset = chunk.BufferOffset + (int)(segmentOffset - chunk.SegmentOffset);
                return true;
            }
        }

        buffer = [];
        bufferOffset = 0;
        return false;
    }

    /// <summary>Forgets chunks of segments older than <paramref name="firstKeptSegment"/> (they were trimmed).</summary>
    public void RemoveBefore(LogSegment firstKeptSegment)
    {
        while (_chunks.TryPeek(out var chunk) && chunk.Segment.FirstOrdinal < firstKeptSegment.FirstOrdinal)
        {
            _bytes -= _chunks.Dequeue().Length;
        }
    }

    public void Clear()
    {
        _chunks.Clear();
        _bytes = 0;
    }
}
