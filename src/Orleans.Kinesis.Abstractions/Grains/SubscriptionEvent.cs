using Orleans.Kinesis.Abstractions.Errors;
using Orleans.Kinesis.Abstractions.Records;

namespace Orleans.Kinesis.Abstractions.Grains;

/// <summary>
/// One event of a subscription: records (possibly none, as a heartbeat) with the position to continue after them,
/// or the shard's end, or an error that ends the subscription. Dispose returns the records' buffers.
/// </summary>
public sealed class SubscriptionEvent : IDisposable
{
    private SubscriptionEvent(RecordBatch records, long millisBehindLatest, bool shardEnded, KinesisException? error)
    {
        Records = records;
        MillisBehindLatest = millisBehindLatest;
        ShardEnded = shardEnded;
        Error = error;
    }

    public RecordBatch Records { get; }

    /// <summary>The ordinal after the last record delivered so far: the next one this subscription would deliver.</summary>
    public long ContinuationOrdinal => Records.NextOrdinal;

    public long MillisBehindLatest { get; }

    /// <summary>The shard is closed and every record has been delivered: no continuation, the child shards instead.</summary>
    public bool ShardEnded { get; }

    public KinesisException? Error { get; }

    public static SubscriptionEvent Data(RecordBatch records, long millisBehindLatest, bool shardEnded)
        => new(records, millisBehindLatest, shardEnded, null);

    public static SubscriptionEvent Failed(KinesisException error, long position)
        => new(RecordBatch.Empty(position), 0, false, error);

    public void Dispose() => Records.Dispose();
}
