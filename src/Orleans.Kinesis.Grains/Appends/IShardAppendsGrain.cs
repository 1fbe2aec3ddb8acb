using Orleans.Concurrency;

namespace Orleans.Kinesis.Grains.Appends;

/// <summary>
/// A shard's notices, relayed to readers that wait for records (key: the shard key). Implicitly subscribed to the
/// shard's <see cref="ShardAppendsStream"/>, so it runs wherever Orleans places it, on any node.
/// </summary>
[Alias("kinesis.IShardAppendsGrain")]
public interface IShardAppendsGrain : IGrainWithStringKey
{
    /// <summary>
    /// Completes once a notice says records at or past <paramref name="fromOrdinal"/> are durable or the shard is
    /// closed (at once if one already did), or when the injected clock reaches <paramref name="untilMs"/> (Unix
    /// milliseconds), whichever comes first. The deadline is absolute, so time spent reaching the relay never extends
    /// it (a deadline already past returns at once). Returns whether such a notice arrived; a caller reads the shard
    /// either way.
    /// </summary>
    [AlwaysInterleave]
    Task<bool> WaitAsync(long fromOrdinal, long untilMs);
}
