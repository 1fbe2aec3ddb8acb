using System.Text;
using Orleans.Kinesis.Abstractions.Grains;

namespace Orleans.Kinesis.Gateway.Routing;

/// <summary>
/// What the data path needs of a stream, computed once per snapshot: open shards sorted by hash range, their grain
/// keys and their shard ids as UTF-8.
/// </summary>
public sealed class StreamRouting
{
    public StreamRouting(StreamSnapshot snapshot)
    {
        Snapshot = snapshot;
        OpenShards = ShardRouter.OpenShards(snapshot);
        GrainKeys = new string[OpenShards.Length];
        ShardIdsUtf8 = new byte[OpenShards.Length][];
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
}
