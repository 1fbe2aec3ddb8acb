using System.Buffers;

namespace Orleans.Kinesis.Storage.Logs.Engine;

/// <summary>
/// Copies of the most recently written frames of a log, bounded in bytes (whole chunks are evicted, oldest first).
/// Frames are copied into blocks rented from <see cref="Blocks"/> that are only appended to; a block goes back
/// to the pool once no chunk points into it and no read result holds a lease on it, so steady-state appends
/// allocate nothing here. Thread-safe.
/// </summary>
internal sealed class HotTail
{
    private const int RetainedBlocksPerSize = 32;

    /// <summary>
    /// The blocks' own pool. In the shared pool, blocks of many logs that turn over at the write rate overflowed the
    /// few arrays it keeps per size and core (next to request bodies of the same size), so a 500-record PutRecords
    /// allocated about a large-object block per shard: measured 1,205 KiB allocated per request with the shared pool,
    /// 897 KiB with a larger one. It keeps at most <see cref="RetainedBlocksPerSize"/> free blocks of each size.
    /// </summary>
    internal static readonly ArrayPool<byte> Blocks = ArrayPool<byte>.Create(1024 * 1024, RetainedBlocksPerSize);

    private readonly Lock _gate = new();
    private readonly long _capacityBytes;
    private readonly HotTailBudget _budget;
    private readonly int _blockBytes;
    private readonly List<HotChunk> _chunks = [];
    private int _head;
    private long _bytes;
    private HotBlock? _current;

    public HotTail(long capacityBytes, HotTailBudget budget)
    {
        _capacityBytes = capacityBytes;
        _budget = budget;
        _blockBytes = (int)Math.Clamp(capacityBytes / 4, 64 * 1024, 1024 * 1024);
    }

    /// <summary>Copies freshly written, consecutive frames (found at <paramref name="segmentOffset"/> in <paramref name="segment"/>) in.</summary>
    public void Add(ReadOnlySpan<byte> frames, LogSegment segment, long segmentOffset)
    {
        if (_capacityBytes == 0)
        {
            return;
        }

        lock (_gate)
        {
            while (!frames.IsEmpty)
            {
                var length = FrameCodec.ReadLength(frames);
                if (length <= _capacityBytes && Reserve(length))
                {
                    AddFrame(frames[..length], segment, segmentOffset);
                }

                frames = frames[length..];
                segmentOffset += length;
            }

            while (_bytes > _capacityBytes && _head < _chunks.Count)
            {
                RemoveOldest();
            }
        }
    }

    /// <summary>Finds the frame at <paramref name="segmentOffset"/>; the caller must lease the returned block.</summary>
    public bool TryLocate(LogSegment segment, long segmentOffset, out HotBlock? block, out int bufferOffset)
    {
        lock (_gate)
        {
            for (var i = _chunks.Count - 1; i >= _head; i--)
            {
                var chunk = _chunks[i];
                if (chunk.Contains(segment, segmentOffset))
                {
                    block = chunk.Block;
                    bufferOffset = chunk.BufferOffset + (int)(segmentOffset - chunk.SegmentOffset);
                    block.Leases++;
                    return true;
                }
            }
        }

        block = null;
        bufferOffset = 0;
        return false;
    }

    /// <summary>Gives back leases taken by <see cref="TryLocate"/> (one per entry).</summary>
    public void Release(List<HotBlock> blocks)
    {
        lock (_gate)
        {
            foreach (var block in blocks)
            {
                block.Leases--;
                TryRecycle(block);
            }
        }
    }

    /// <summary>Forgets chunks of segments older than <paramref name="firstKeptSegment"/> (they were trimmed).</summary>
    public void RemoveBefore(LogSegment firstKeptSegment)
    {
        lock (_gate)
        {
            while (_head < _chunks.Count && _chunks[_head].Segment.FirstOrdinal < firstKeptSegment.FirstOrdinal)
            {
                RemoveOldest();
            }
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _budget.Release(_bytes);
            // Blocks still leased by readers are left to the garbage collector.
            _chunks.Clear();
            _head = 0;
            _bytes = 0;
            _current = null;
        }
    }

    /// <summary>Room for a frame in the process budget, evicting this tail's oldest frames if needed; false leaves it out.</summary>
    private bool Reserve(int length)
    {
        while (!_budget.TryReserve(length))
        {
            if (_head >= _chunks.Count)
            {
                return false;
            }

            RemoveOldest();
        }

        return true;
    }

    private void AddFrame(ReadOnlySpan<byte> frame, LogSegment segment, long segmentOffset)
    {
        HotBlock block;
        if (frame.Length > _blockBytes)
        {
            block = new HotBlock(Blocks.Rent(frame.Length));
        }
        else
        {
            if (_current is null || _current.Buffer.Length - _current.Used < frame.Length)
            {
                var previous = _current;
                _current = new HotBlock(Blocks.Rent(_blockBytes));
                if (previous is not null)
                {
                    TryRecycle(previous);
                }
            }

            block = _current;
        }

        var offset = block.Used;
        frame.CopyTo(block.Buffer.AsSpan(offset));
        block.Used += frame.Length;
        _bytes += frame.Length;
        var last = _chunks.Count - 1;
        if (last >= _head
            && ReferenceEquals(_chunks[last].Block, block)
            && ReferenceEquals(_chunks[last].Segment, segment)
            && _chunks[last].BufferOffset + _chunks[last].Length == offset
            && _chunks[last].SegmentOffset + _chunks[last].Length == segmentOffset)
        {
            _chunks[last] = _chunks[last] with { Length = _chunks[last].Length + frame.Length };
        }
        else
        {
            block.Chunks++;
            _chunks.Add(new HotChunk(block, offset, frame.Length, segment, segmentOffset));
        }
    }

    private void RemoveOldest()
    {
        var chunk = _chunks[_head];
        _chunks[_head++] = default;
        _bytes -= chunk.Length;
        _budget.Release(chunk.Length);
        chunk.Block.Chunks--;
        TryRecycle(chunk.Block);
        if (_head > 64 && _head * 2 > _chunks.Count)
        {
            _chunks.RemoveRange(0, _head);
            _head = 0;
        }
    }

    private void TryRecycle(HotBlock block)
    {
        if (block.Chunks == 0 && block.Leases == 0 && !block.Returned && !ReferenceEquals(block, _current))
        {
            block.Returned = true;
            Blocks.Return(block.Buffer);
        }
    }
}
