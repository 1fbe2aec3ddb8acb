using Orleans.Concurrency;

namespace Orleans.Kinesis.Grains.Appends;

/// <summary>
/// The shard's side of its notices (implemented by the shard grain, same key). A shard publishes a notice only while
/// its relay has asked for one, so a shard nobody waits on spends nothing on its stream.
/// </summary>
[Alias("kinesis.IShardAppendsSource")]
public interface IShardAppendsSource : IGrainWithStringKey
{
    /// <summary>
    /// Returns the shard's position now (the ordinal after its newest durable record; closed once the close is
    /// durable) and has the shard publish one notice after its next durable flush or its close, whichever comes
    /// first. Arming again before that notice changes nothing: one notice answers every arming before it.
    /// </summary>
    [AlwaysInterleave]
    Task<ShardAppended> ArmAsync();
}
