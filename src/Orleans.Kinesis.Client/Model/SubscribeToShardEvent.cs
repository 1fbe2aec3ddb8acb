namespace Orleans.Kinesis.Client.Model;

/// <summary>One push of a SubscribeToShard subscription.</summary>
public sealed record SubscribeToShardEvent
{
    public List<Record> Records { get; init; } = [];

    /// <summary>Where to resubscribe from; absent at the end of a closed shard.</summary>
    public string? ContinuationSequenceNumber { get; init; }

    public long MillisBehindLatest { get; init; }

    public List<ChildShard>? ChildShards { get; init; }
}
