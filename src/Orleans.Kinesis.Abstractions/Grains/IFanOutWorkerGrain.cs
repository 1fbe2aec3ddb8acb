namespace Orleans.Kinesis.Abstractions.Grains;

/// <summary>
/// Enhanced fan-out delivery (a stateless worker; key: the shard key). Every call produces a subscription's next
/// event from a cursor the caller keeps: it checks that the subscription still holds its lease and its consumer is
/// registered, then reads from the shard, waiting for new records up to the next heartbeat. Nothing of a
/// subscription lives in the worker, so one slow subscriber never holds up another or the shard's writers.
/// </summary>
[Alias("kinesis.IFanOutWorkerGrain")]
public interface IFanOutWorkerGrain : IGrainWithStringKey
{
    /// <summary>The next event (records, a heartbeat, the shard end or an error) and the cursor after it.</summary>
    Task<SubscriptionStep> NextAsync(SubscriptionCursor cursor);
}
