using Orleans.Kinesis.Abstractions.Grains;

namespace Orleans.Kinesis.Gateway.Routing;

/// <summary>Finds the open shard whose inclusive hash key range holds a hash key (binary search over open shards).</summary>
public static class ShardRouter
{
    /// <summary>The open shards of a snapshot sorted by starting hash key.</summary>
    public static ShardDescriptor[] OpenShards(StreamSnapshot snapshot)
    {
        var open = new List<ShardDescriptor>(snapshot.Shards.Count);
        foreach (var shard in snapshot.Shards)
        {
            if (shard.IsOpen)
            {
                open.Add(shard);
            }
        }

        open.Sort(static (a, b) => a.HashKeyRange.Start.CompareTo(b.HashKeyRange.Start));
        return [.. open];
    }

    /// <summary>The position in <paramref name="openShards"/> of the shard covering <paramref name="hashKey"/>.</summary>
    public static int Find(ShardDescriptor[] openShards, UInt128 hashKey)
    {
        int low = 0, high = openShards.Length - 1;
        while (low < high)
        {
            var mid = (low + high + 1) >>> 1;
            if (openShards[mid].HashKeyRange.Start <= hashKey)
            {
                low = mid;
            }
            else
            {
                high = mid - 1;
            }
        }

        return low;
    }
}
