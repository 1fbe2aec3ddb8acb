namespace Orleans.Kinesis.Grains.Shards;

/// <summary>
/// A shard's write rate over a sliding window of whole seconds (by the injected clock), for on-demand scaling: the
/// shard is hot once it has been watched for a full window and its average rate over that window reaches either
/// threshold. <see cref="Reset"/> starts a new window (after a report, so one streak yields one split).
/// </summary>
internal sealed class HotShardMeter
{
    private readonly int _windowSeconds;
    private readonly long _bytesPerSecond;
    private readonly long _recordsPerSecond;
    private readonly long[] _seconds;
    private readonly long[] _bytes;
    private readonly long[] _records;
    private long _firstSecond = long.MinValue;
    private long _checkedSecond = long.MinValue;

    public HotShardMeter(int windowSeconds, long bytesPerSecond, long recordsPerSecond)
    {
        _windowSeconds = windowSeconds;
        _bytesPerSecond = bytesPerSecond;
        _recordsPerSecond = recordsPerSecond;
        _seconds = new long[windowSeconds];
        _bytes = new long[windowSeconds];
        _records = new long[windowSeconds];
        Reset();
    }

    /// <summary>Counts an accepted write; returns true when the shard has just become hot (checked at most once a second).</summary>
    public bool Record(long nowMs, int records, long bytes)
    {
        var second = nowMs / 1000;
        if (_firstSecond == long.MinValue)
        {
            _firstSecond = second;
        }

        var slot = (int)(second % _windowSeconds);
        if (_seconds[slot] != second)
        {
            _seconds[slot] = second;
            _bytes[slot] = 0;
            _records[slot] = 0;
        }

        _bytes[slot] += bytes;
        _records[slot] += records;
        if (second == _checkedSecond || second - _firstSecond < _windowSeconds)
        {
            return false;
        }

        // Judge the last full window: the seconds before this one.
        _checkedSecond = second;
        long windowBytes = 0, windowRecords = 0;
        for (var i = 0; i < _windowSeconds; i++)
        {
            if (_seconds[i] < second && _seconds[i] >= second - _windowSeconds)
            {
                windowBytes += _bytes[i];
                windowRecords += _records[i];
            }
        }

        return windowBytes >= _bytesPerSecond * _windowSeconds || windowRecords >= _recordsPerSecond * _windowSeconds;
    }

    public void Reset()
    {
        Array.Fill(_seconds, long.MinValue);
        _firstSecond = long.MinValue;
        _checkedSecond = long.MinValue;
    }
}
