using System.Text;
using Orleans.Kinesis.Abstractions.Grains;

namespace Orleans.Kinesis.Gateway.Routing;

/// <summary>
/// What the data path needs of a stream, computed once per snapshot: open shards sorted by hash range, their grain
/// keys, grain references and their shard ids as UTF-8.
/// </summary>
public sealed class StreamRouting
{
    private readonly IShardGrain?[] _shardGrains;

    public StreamRouting(StreamSnapshot snapshot)
    {
        Snapshot = snapshot;
        OpenShards = ShardRouter.OpenShards(snapshot);
        GrainKeys = new string[OpenShards.Length];
        ShardIdsUtf8 = new byte[OpenShards.Length][];
        _shardGrains = new IShardGrain?[OpenShards.Length];
        for (var i = 0; i < OpenShards.Length; i++)
        {
            GrainKeys[i] = StreamStorage.ShardKey(snapshot.StreamName, snapshot.CreatedTimeMs, OpenShards[i].Index);
            ShardIdsUtf8[i] = Encoding.UTF8.GetBytes(OpenShards[i].ShardId.ToString());
        }
    }

    public StreamSnapshot Snapshot { get; }

    public ShardDescriptor[] OpenShards { get; }

    public string[] GrainKeys { get; }

    public byte[][] ShardIdsUtf8 { get; }

    /// <summary>
    /// The grain of the open shard at <paramref name="position"/>, made once per snapshot: <c>GetGrain</c> resolves the
    /// interface type by formatting its name on every call (8% of a PutRecord's request-thread CPU).
    /// </summary>
    public IShardGrain ShardGrain(int position, IGrainFactory grains)
        => _shardGrains[position] ??= grains.GetGrain<IShardGrain>(GrainKeys[position]);
}
