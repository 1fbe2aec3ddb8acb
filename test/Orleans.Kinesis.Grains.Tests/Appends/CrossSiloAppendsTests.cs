using Orleans.Kinesis.Abstractions.Grains;
using Orleans.Kinesis.Abstractions.Ids;
using Orleans.Kinesis.Grains.Appends;
using Orleans.Kinesis.Grains.Tests.Infrastructure;
using Orleans.Kinesis.Grains.Tests.Shards;
using Orleans.Runtime;

namespace Orleans.Kinesis.Grains.Tests.Appends;

/// <summary>
/// Notices between the two silos of one cluster: a shard on one silo, its subscriber on the other. Placement is
/// Orleans' own, so the test activates the subscribers of sixteen shards and picks a shard whose grains landed on
/// different silos.
/// </summary>
[Collection(TwoSiloClusterCollection.Name)]
[Trait("Area", "Grains")]
public sealed class CrossSiloAppendsTests(TwoSiloClusterFixture cluster)
{
    private const int Shards = 16;

    [Fact]
    public async Task ANotice_ReachesAnImplicitSubscriber_OnTheOtherSilo()
    {
        var keys = await ShardKeysAsync("cross-recorder");
        foreach (var each in keys)
        {
            await cluster.Grains.GetGrain<INoticeRecorderGrain>(each).WaitForAsync(0);
        }

        var key = await CrossSiloAsync(keys, k => cluster.Grains.GetGrain<INoticeRecorderGrain>(k));
        await cluster.Grains.GetGrain<IShardAppendsSource>(key).ArmAsync(); // as a waiting relay would
        await cluster.Grains.GetGrain<IShardGrain>(key).AppendAsync(ShardGrainTests.Batch("a", "b"));

        Assert.Equal([new ShardAppended(2, false)], await cluster.Grains.GetGrain<INoticeRecorderGrain>(key).WaitForAsync(1));
    }

    [Fact]
    public async Task TheRelay_OnTheOtherSilo_WakesAWaitingFanOutStep()
    {
        var keys = await ShardKeysAsync("cross-relay");
        foreach (var each in keys)
        {
            Assert.False(await cluster.Grains.GetGrain<IShardAppendsGrain>(each).WaitAsync(0, 0));
        }

        var key = await CrossSiloAsync(keys, k => cluster.Grains.GetGrain<IShardAppendsGrain>(k));
        var waiting = cluster.Grains.GetGrain<IShardAppendsGrain>(key).WaitAsync(0, long.MaxValue);
        await cluster.Grains.GetGrain<IShardGrain>(key).AppendAsync(ShardGrainTests.Batch("x"));

        Assert.True(await waiting.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    /// <summary>A shard whose grain is active on another silo than its subscriber's activation.</summary>
    private async Task<string> CrossSiloAsync(string[] keys, Func<string, IAddressable> subscriber)
    {
        var management = cluster.Grains.GetGrain<IManagementGrain>(0);
        foreach (var key in keys)
        {
            var shardSilo = await management.GetActivationAddress(cluster.Grains.GetGrain<IShardGrain>(key));
            var subscriberSilo = await management.GetActivationAddress(subscriber(key));
            if (shardSilo is not null && subscriberSilo is not null && !shardSilo.Equals(subscriberSilo))
            {
                return key;
            }
        }

        throw new InvalidOperationException($"all {Shards} shards landed on their subscriber's silo");
    }

    private async Task<string[]> ShardKeysAsync(string stream)
    {
        var keys = new string[Shards];
        for (var index = 0; index < Shards; index++)
        {
            keys[index] = StreamStorage.ShardKey(stream, 1, index);
            await cluster.Grains.GetGrain<IShardGrain>(keys[index])
                .InitializeAsync(new ShardDescriptor(index, new HashKeyRange(0, UInt128.MaxValue), null, null, 1, null), 24);
        }

        return keys;
    }
}
