using Orleans.Kinesis.Abstractions.Grains;

namespace Orleans.Kinesis.Gateway.Handlers;

/// <summary>Shard listing helpers shared by DescribeStream and ListShards.</summary>
public static class ShardPages
{
    public static ShardDescriptor[] SortedByIndex(IReadOnlyList<ShardDescriptor> shards)
    {
        var sorted = new ShardDescriptor[shards.Count];
        for (var i = 0; i < sorted.Length; i++)
        {
            sorted[i] = shards[i];
        }

        Array.Sort(sorted, static (a, b) => a.Index.CompareTo(b.Index));
        return sorted;
    }
}
