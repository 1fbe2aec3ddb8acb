namespace Orleans.Kinesis.Grains.Shards;

/// <summary>
/// A shard's throughput limits as the service applies them: writes up to 1 MiB/s or 1,000 records/s (partition keys
/// count), reads up to 5 GetRecords calls/s and 2 MiB/s. Token buckets refill continuously with one second of
/// burst; a read may overdraw the byte bucket (so after a 10 MiB response the next reads wait about 5 s).
/// </summary>
internal sealed class ShardThroughput
{
    public const int WriteRecordsPerSecond = 1000;
    public const long WriteBytesPerSecond = 1024 * 1024;
    public const int ReadCallsPerSecond = 5;
    public const long ReadBytesPerSecond = 2 * 1024 * 1024;

    private readonly TimeProvider _time;
    private readonly Queue<long> _readCalls = new();
    private double _writeRecords = WriteRecordsPerSecond;
    private double _writeBytes = WriteBytesPerSecond;
    private double _readBytes = ReadBytesPerSecond;
    private long _refilledAt;

    public ShardThroughput(TimeProvider time)
    {
        _time = time;
        _refilledAt = time.GetTimestamp();
    }

    /// <summary>How many records from the front of <paramref name="records"/> fit now; consumes their share.</summary>
    public int AdmitWrites(ReadOnlySpan<Abstractions.Records.RecordEntry> records)
    {
        Refill();
        var accepted = 0;
        foreach (var record in records)
        {
            var bytes = Abstractions.Records.RecordFlags.PayloadBytes(record.PartitionKey.Length, record.Data.Length, record.Flags);
            if (_writeRecords < 1 || _writeBytes < bytes)
            {
                break;
            }

            _writeRecords -= 1;
            _writeBytes -= bytes;
            accepted++;
        }

        return accepted;
    }

    /// <summary>Whether a GetRecords call may run now (and counts it).</summary>
    public bool TryAdmitRead()
    {
        Refill();
        var now = _time.GetTimestamp();
        var window = _time.TimestampFrequency; // one second
        while (_readCalls.Count > 0 && now - _readCalls.Peek() >= window)
        {
            _readCalls.Dequeue();
        }

        if (_readCalls.Count >= ReadCallsPerSecond || _readBytes <= 0)
        {
            return false;
        }

        _readCalls.Enqueue(now);
        return true;
    }

    public void RecordRead(long bytes) => _readBytes -= bytes;

    private void Refill()
    {
        var now = _time.GetTimestamp();
        var seconds = (double)(now - _refilledAt) / _time.TimestampFrequency;
        _refilledAt = now;
        _writeRecords = Math.Min(WriteRecordsPerSecond, _writeRecords + (seconds * WriteRecordsPerSecond));
        _writeBytes = Math.Min(WriteBytesPerSecond, _writeBytes + (seconds * WriteBytesPerSecond));
        _readBytes = Math.Min(ReadBytesPerSecond, _readBytes + (seconds * ReadBytesPerSecond));
    }
}
