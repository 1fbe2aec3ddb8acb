using Orleans.Kinesis.Storage.Logs.Devices;

namespace Orleans.Kinesis.Storage.Logs.Engine;

/// <summary>
/// What readers of a log see: its segments, the index of its durable frames, the hot tail and the published
/// ordinals, all under one lock. The flusher publishes into it after each durable write; reads plan from it.
/// </summary>
internal sealed class SegmentTable
{
    private readonly Lock _lock = new();
    private readonly List<LogSegment> _segments;
    private readonly FrameIndex _index;
    private readonly HotTail _hotTail;
    private long _firstOrdinal;
    private long _durableOrdinal;
    private long _lastArrivalTimeMs;
    private bool _closed;

    public SegmentTable(List<LogSegment> segments, FrameIndex index, HotTail hotTail, long durableOrdinal, long lastArrivalTimeMs)
    {
        _segments = segments;
        _index = index;
        _hotTail = hotTail;
        _durableOrdinal = durableOrdinal;
        _lastArrivalTimeMs = lastArrivalTimeMs;
        _firstOrdinal = FirstRetained();
    }

    public long FirstOrdinal => Volatile.Read(ref _firstOrdinal);

    public long DurableOrdinal => Volatile.Read(ref _durableOrdinal);

    public long LastArrivalTimeMs => Volatile.Read(ref _lastArrivalTimeMs);

    public LogSegment Last
    {
        get
        {
            lock (_lock)
            {
                return _segments[^1];
            }
        }
    }

    public int SegmentCount
    {
        get
        {
            lock (_lock)
            {
                return _segments.Count;
            }
        }
    }

    /// <summary>
    /// The pieces (hot-tail slices, or device ranges whose reader was added) a read from <paramref name="fromOrdinal"/>
    /// (raised to the first retained ordinal) needs, and how many records they hold; 0 when there is nothing to read.
    /// </summary>
    public long PlanRead(ref long fromOrdinal, int maxRecords, long maxBytes, List<ReadPiece> pieces, ref List<HotBlock>? leased)
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_closed, this);
            fromOrdinal = Math.Max(fromOrdinal, _firstOrdinal);
            var position = fromOrdinal < _durableOrdinal ? _index.FindByOrdinal(fromOrdinal) : -1;
            return position < 0 ? 0 : Plan(position, fromOrdinal, maxRecords, maxBytes, pieces, ref leased);
        }
    }

    public HotTailLease LeaseHot(List<HotBlock> blocks) => new(_hotTail, blocks);

    public long FindByArrival(long arrivalTimeMs)
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_closed, this);
            var position = _index.FindByArrival(arrivalTimeMs);
            return position < _index.Count ? _index[position].FirstOrdinal : _durableOrdinal;
        }
    }

    /// <summary>Removes the leading sealed segments whose newest record arrived before the cutoff (never the active one) and returns their devices.</summary>
    public List<ISegmentDevice> RemoveBefore(long arrivalCutoffMs)
    {
        var removed = new List<ISegmentDevice>();
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_closed, this);
            var frameCount = 0;
            while (removed.Count < _segments.Count - 1
                && _segments[removed.Count].IsSealed
                && _segments[removed.Count].MaxArrivalTimeMs < arrivalCutoffMs)
            {
                frameCount += _segments[removed.Count].FrameCount;
                removed.Add(_segments[removed.Count].Device);
            }

            if (removed.Count > 0)
            {
                _segments.RemoveRange(0, removed.Count);
                _index.RemoveFirst(frameCount);
                _hotTail.RemoveBefore(_segments[0]);
                Volatile.Write(ref _firstOrdinal, FirstRetained());
            }
        }

        return removed;
    }

    /// <summary>Publishes frames just made durable at <paramref name="segmentOffset"/> of <paramref name="segment"/>.</summary>
    public void Publish(LogSegment segment, long segmentOffset, byte[] buffer, PendingFrame[] frames, int start, int end, int length)
    {
        lock (_lock)
        {
            for (var i = start; i < end; i++)
            {
                ref readonly var frame = ref frames[i];
                _index.Add(frame.FirstOrdinal, frame.Count, segment, segment.Length, frame.Length, frame.ArrivalTimeMs);
                segment.AddFrame(frame.ArrivalTimeMs, frame.Length);
            }

            _hotTail.Add(buffer.AsSpan(frames[start].BufferOffset, length), segment, segmentOffset);
            ref readonly var newest = ref frames[end - 1];
            Volatile.Write(ref _lastArrivalTimeMs, newest.ArrivalTimeMs);
            Volatile.Write(ref _durableOrdinal, newest.FirstOrdinal + newest.Count);
        }
    }

    /// <summary>The index entries of the newest segment's frames (for its stored index when it is sealed).</summary>
    public FrameEntry[] FramesOf(LogSegment segment)
    {
        lock (_lock)
        {
            var frames = new FrameEntry[segment.FrameCount];
            var start = _index.Count - frames.Length;
            for (var i = 0; i < frames.Length; i++)
            {
                frames[i] = _index[start + i];
            }

            return frames;
        }
    }

    /// <summary>Marks the active segment sealed and appends <paramref name="next"/> as the new active one.</summary>
    public void Roll(LogSegment sealedSegment, LogSegment next)
    {
        lock (_lock)
        {
            sealedSegment.IsSealed = true;
            _segments.Add(next);
        }
    }

    /// <summary>Replaces the (empty) active segment.</summary>
    public void ReplaceLast(LogSegment fresh)
    {
        lock (_lock)
        {
            _segments[^1] = fresh;
        }
    }

    /// <summary>Refuses further reads, lets go of the hot tail and closes every segment.</summary>
    public void Close()
    {
        lock (_lock)
        {
            _closed = true;
            _hotTail.Clear();
            foreach (var segment in _segments)
            {
                segment.Device.Dispose();
            }
        }
    }

    private long FirstRetained() => _index.Count > 0 ? _index[0].FirstOrdinal : _segments[0].FirstOrdinal;

    private long Plan(int position, long fromOrdinal, int maxRecords, long maxBytes, List<ReadPiece> pieces, ref List<HotBlock>? leased)
    {
        long records = 0, bytes = 0;
        for (var i = position; i < _index.Count; i++)
        {
            var frame = _index[i];
            records += frame.EndOrdinal - Math.Max(fromOrdinal, frame.FirstOrdinal);
            bytes += frame.PayloadBytes;
            var last = pieces.Count - 1;
            if (_hotTail.TryLocate(frame.Segment, frame.Offset, out var block, out var bufferOffset))
            {
                (leased ??= []).Add(block!);
                if (last >= 0 && ReferenceEquals(pieces[last].HotBlock, block) && pieces[last].HotOffset + pieces[last].Length == bufferOffset)
                {
                    var piece = pieces[last];
                    piece.Length += frame.Length;
                    pieces[last] = piece;
                }
                else
                {
                    pieces.Add(new ReadPiece { HotBlock = block, HotOffset = bufferOffset, Length = frame.Length });
                }
            }
            else if (last >= 0 && ReferenceEquals(pieces[last].Segment, frame.Segment) && pieces[last].SegmentOffset + pieces[last].Length == frame.Offset)
            {
                var piece = pieces[last];
                piece.Length += frame.Length;
                pieces[last] = piece;
            }
            else
            {
                ObjectDisposedException.ThrowIf(!frame.Segment.Device.TryAddReader(), frame.Segment);
                pieces.Add(new ReadPiece { Segment = frame.Segment, SegmentOffset = frame.Offset, Length = frame.Length, ReaderAdded = true });
            }

            if (records >= maxRecords || bytes >= maxBytes)
            {
                break;
            }
        }

        return records;
    }
}
