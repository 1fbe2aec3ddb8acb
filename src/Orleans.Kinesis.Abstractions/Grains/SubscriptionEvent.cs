using Orleans.Kinesis.Abstractions.Errors;

namespace Orleans.Kinesis.Abstractions.Grains;

/// <summary>
/// One event of a subscription: records (possibly none, as a heartbeat) with the position to continue after them,
/// or the shard's end, or an error that ends the subscription.
/// </summary>
[GenerateSerializer, Immutable, Alias("kinesis.SubscriptionEvent")]
public sealed record SubscriptionEvent(ShardRecords Records, long MillisBehindLatest, bool ShardEnded, KinesisException? Error)
{
    /// <summary>The ordinal after the last record delivered so far: the next one this subscription would deliver.</summary>
    public long ContinuationOrdinal => Records.NextOrdinal;

    public static SubscriptionEvent Data(ShardRecords records, long millisBehindLatest, bool shardEnded)
        => new(records, millisBehindLatest, shardEnded, null);

    public static SubscriptionEvent Failed(KinesisException error, long position)
        => new(ShardRecords.Empty(position), 0, false, error);
}
