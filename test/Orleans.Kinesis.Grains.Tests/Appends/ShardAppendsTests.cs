using Orleans.Kinesis.Abstractions.Grains;
using Orleans.Kinesis.Abstractions.Ids;
using Orleans.Kinesis.Grains.Appends;
using Orleans.Kinesis.Grains.Tests.Infrastructure;
using Orleans.Kinesis.Grains.Tests.Shards;

namespace Orleans.Kinesis.Grains.Tests.Appends;

/// <summary>The shards' "records appended" notices on the memory streams provider of one silo.</summary>
[Collection(GrainClusterCollection.Name)]
[Trait("Area", "Grains")]
public sealed class ShardAppendsTests(GrainClusterFixture cluster)
{
    [Fact]
    public async Task EveryDurableAppend_PublishesOneNotice_AndTheCloseOneMore()
    {
        var key = await ShardKeyAsync("appends-once");
        var shard = cluster.Grains.GetGrain<IShardGrain>(key);

        await shard.AppendAsync(ShardGrainTests.Batch("a", "b", "c", "d", "e"));
        await shard.AppendAsync(ShardGrainTests.Batch("f", "g", "h"));
        await shard.CloseAsync();
        var notices = await cluster.Grains.GetGrain<INoticeRecorderGrain>(key).WaitForAsync(3);

        // One notice per flush, never one per record: five records, then three, then the close.
        Assert.Equal([new ShardAppended(5, false), new ShardAppended(8, false), new ShardAppended(8, true)], notices);
    }

    [Fact]
    public async Task TheRelay_WakesAWaiter_OnTheNextAppend_AndAnswersAtOnceForRecordsAlreadyDurable()
    {
        var key = await ShardKeyAsync("appends-relay");
        var shard = cluster.Grains.GetGrain<IShardGrain>(key);
        var relay = cluster.Grains.GetGrain<IShardAppendsGrain>(key);

        var waiting = relay.WaitAsync(0, long.MaxValue); // only a notice ends it
        await shard.AppendAsync(ShardGrainTests.Batch("x"));

        Assert.True(await waiting.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.True(await relay.WaitAsync(0, long.MaxValue));
        Assert.False(await relay.WaitAsync(1, 0)); // nothing past the first record yet
    }

    private async Task<string> ShardKeyAsync(string stream)
    {
        var key = StreamStorage.ShardKey(stream, 1, 0);
        await cluster.Grains.GetGrain<IShardGrain>(key).InitializeAsync(new ShardDescriptor(0, new HashKeyRange(0, UInt128.MaxValue), null, null, 1, null), 24);
        return key;
    }
}
