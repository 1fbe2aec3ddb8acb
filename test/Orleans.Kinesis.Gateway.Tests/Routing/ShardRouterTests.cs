using System.Text;
using Orleans.Kinesis.Abstractions.Grains;
using Orleans.Kinesis.Abstractions.Ids;
using Orleans.Kinesis.Gateway.Routing;

namespace Orleans.Kinesis.Gateway.Tests.Routing;

public sealed class ShardRouterTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(7)]
    [InlineData(64)]
    [InlineData(1000)]
    public void Each_ranges_start_and_end_map_to_that_shard(int count)
    {
        var shards = OpenShards(HashKeyRange.EvenSplit(count));

        for (var i = 0; i < count; i++)
        {
            Assert.Equal(i, ShardRouter.Find(shards, shards[i].HashKeyRange.Start));
            Assert.Equal(i, ShardRouter.Find(shards, shards[i].HashKeyRange.End));
        }
    }

    [Theory]
    [InlineData(3)]
    [InlineData(7)]
    public void Partition_keys_route_to_the_shard_whose_range_contains_their_hash(int count)
    {
        var shards = OpenShards(HashKeyRange.EvenSplit(count));

        for (var i = 0; i < 500; i++)
        {
            var hash = HashKeyRange.HashPartitionKey(Encoding.UTF8.GetBytes("key-" + i));
            var found = ShardRouter.Find(shards, hash);
            Assert.True(shards[found].HashKeyRange.Contains(hash), $"key-{i} routed to a shard that does not hold its hash");
        }
    }

    [Fact]
    public void The_spec_partition_keys_route_to_the_expected_halves()
    {
        var shards = OpenShards(HashKeyRange.EvenSplit(2));

        Assert.Equal(0, ShardRouter.Find(shards, HashKeyRange.HashPartitionKey("a"u8)));
        Assert.Equal(1, ShardRouter.Find(shards, HashKeyRange.HashPartitionKey("pk1"u8)));
    }

    [Fact]
    public void OpenShards_drops_closed_shards_and_sorts_by_starting_hash_key()
    {
        var halves = HashKeyRange.EvenSplit(2);
        var snapshotShards = new List<ShardDescriptor>
        {
            new(2, halves[1], 0, null, 10, null),
            new(0, HashKeyRange.All, null, null, 0, 5),
            new(1, halves[0], 0, null, 10, null),
        };

        var open = ShardRouter.OpenShards(Snapshot(snapshotShards));

        Assert.Equal([1, 2], Array.ConvertAll(open, s => s.Index));
        Assert.Equal(0, ShardRouter.Find(open, UInt128.Zero));
        Assert.Equal(1, ShardRouter.Find(open, UInt128.MaxValue));
    }

    private static ShardDescriptor[] OpenShards(HashKeyRange[] ranges)
    {
        var shards = new ShardDescriptor[ranges.Length];
        for (var i = 0; i < ranges.Length; i++)
        {
            shards[i] = new ShardDescriptor(i, ranges[i], null, null, 0, null);
        }

        return shards;
    }

    private static StreamSnapshot Snapshot(List<ShardDescriptor> shards)
        => new("s", "arn:aws:kinesis:us-east-1:000000000000:stream/s", StreamStatus.Active, StreamMode.Provisioned, 0, 1, 24, 1024, "NONE", null, shards, new Dictionary<string, string>(), [], 1);
}
