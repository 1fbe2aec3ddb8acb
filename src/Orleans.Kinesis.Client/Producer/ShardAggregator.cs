using Orleans.Kinesis.Client.Aggregation;

namespace Orleans.Kinesis.Client.Producer;

/// <summary>The open aggregation container of one predicted shard (spec a.3 step 3).</summary>
internal sealed class ShardAggregator(string? shardId)
{
    private List<PendingUserRecord> _records = [];
    private int _size = AggregatedRecordFormat.Overhead;

    public string? ShardId { get; } = shardId;

    public int Count => _records.Count;

    public DateTimeOffset EarliestDeadline { get; private set; } = DateTimeOffset.MaxValue;

    /// <summary>Whether <paramref name="record"/> still fits in this container under the limits.</summary>
    public bool Fits(PendingUserRecord record, KinesisProducerOptions options)
        => _records.Count == 0
            || (_records.Count < options.AggregationMaxCount
                && _size + AggregatedRecordFormat.EstimateRecordSize(record.PartitionKey, record.ExplicitHashKey, record.Data.Length) <= options.AggregationMaxSize);

    public void Add(PendingUserRecord record)
    {
        _records.Add(record);
        _size += AggregatedRecordFormat.EstimateRecordSize(record.PartitionKey, record.ExplicitHashKey, record.Data.Length);
        if (record.Deadline < EarliestDeadline)
        {
            EarliestDeadline = record.Deadline;
        }
    }

    public bool IsFull(KinesisProducerOptions options) => _records.Count >= options.AggregationMaxCount || _size >= options.AggregationMaxSize;

    public List<PendingUserRecord> Drain()
    {
        var records = _records;
        _records = [];
        _size = AggregatedRecordFormat.Overhead;
        EarliestDeadline = DateTimeOffset.MaxValue;
        return records;
    }
}
