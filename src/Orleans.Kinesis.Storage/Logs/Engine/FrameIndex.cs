namespace Orleans.Kinesis.Storage.Logs.Engine;

/// <summary>
/// The in-memory index of a log's durable frames, oldest first, in a growable array with a movable head so
/// trimming is cheap. Not thread-safe: the log guards it.
/// </summary>
internal sealed class FrameIndex
{
    private FrameEntry[] _frames = new FrameEntry[256];
    private int _head;
    private int _end;

    public int Count => _end - _head;

    public FrameEntry this[int index] => _frames[_head + index];

    public long MaxArrivalTimeMs => _end == _head ? long.MinValue : _frames[_end - 1].MaxArrivalTimeMs;

    public void Add(long firstOrdinal, int count, LogSegment segment, long offset, int length, long arrivalTimeMs)
    {
        if (_end == _frames.Length)
        {
            Grow();
        }

        var maxArrival = Math.Max(MaxArrivalTimeMs, arrivalTimeMs);
        _frames[_end++] = new FrameEntry(firstOrdinal, count, segment, offset, length, arrivalTimeMs, maxArrival);
    }

    /// <summary>Drops the oldest <paramref name="count"/> frames.</summary>
    public void RemoveFirst(int count)
    {
        Array.Clear(_frames, _head, count);
        _head += count;
        if (_head == _end)
        {
            _head = _end = 0;
        }
    }

    /// <summary>The position of the frame holding <paramref name="ordinal"/>, or -1 when none does.</summary>
    public int FindByOrdinal(long ordinal)
    {
        int low = _head, high = _end - 1;
        while (low <= high)
        {
            var middle = low + ((high - low) >> 1);
            ref readonly var frame = ref _frames[middle];
            if (ordinal < frame.FirstOrdinal)
            {
                high = middle - 1;
            }
            else if (ordinal >= frame.EndOrdinal)
            {
                low = middle + 1;
            }
            else
            {
                return middle - _head;
            }
        }

        return -1;
    }

    /// <summary>The position of the first frame whose running maximum arrival is at or after the time, or <see cref="Count"/>.</summary>
    public int FindByArrival(long arrivalTimeMs)
    {
        int low = _head, high = _end;
        while (low < high)
        {
            var middle = low + ((high - low) >> 1);
            if (_frames[middle].MaxArrivalTimeMs >= arrivalTimeMs)
            {
                high = middle;
            }
            else
            {
                low = middle + 1;
            }
        }

        return low - _head;
    }

    private void Grow()
    {
        var live = _end - _head;
        var target = live * 2 <= _frames.Length ? _frames : new FrameEntry[_frames.Length * 2];
        Array.Copy(_frames, _head, target, 0, live);
        if (ReferenceEquals(target, _frames))
        {
            Array.Clear(_frames, live, _end - live);
        }

        _frames = target;
        _head = 0;
        _end = live;
    }
}
