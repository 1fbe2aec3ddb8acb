namespace Orleans.Kinesis.Client.Producer;

/// <summary>
/// A shard's send budget (spec a.4): record tokens (refill 1,000/s × rate, capacity 1,000) and byte tokens
/// (refill 1 MiB/s × rate, capacity 10 MiB). A Kinesis record takes one record token and its size in bytes.
/// </summary>
internal sealed class TokenBucket(int ratePercent, DateTimeOffset now)
{
    private const double RecordCapacity = 1000;
    private const double ByteCapacity = 10 * 1024 * 1024;

    private readonly double _recordsPerSecond = 1000 * ratePercent / 100.0;
    private readonly double _bytesPerSecond = 1024 * 1024 * ratePercent / 100.0;
    private double _records = RecordCapacity;
    private double _bytes = 1024 * 1024 * ratePercent / 100.0;
    private DateTimeOffset _last = now;

    public bool TryTake(int size, DateTimeOffset now)
    {
        var elapsed = (now - _last).TotalSeconds;
        if (elapsed > 0)
        {
            _records = Math.Min(RecordCapacity, _records + (elapsed * _recordsPerSecond));
            _bytes = Math.Min(ByteCapacity, _bytes + (elapsed * _bytesPerSecond));
            _last = now;
        }

        if (_records < 1 || _bytes < size)
        {
            return false;
        }

        _records -= 1;
        _bytes -= size;
        return true;
    }
}
