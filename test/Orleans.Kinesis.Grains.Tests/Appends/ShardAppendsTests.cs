using Orleans.Kinesis.Abstractions.Grains;
using Orleans.Kinesis.Abstractions.Ids;
using Orleans.Kinesis.Grains.Appends;
using Orleans.Kinesis.Grains.Tests.Infrastructure;
using Orleans.Kinesis.Grains.Tests.Shards;

namespace Orleans.Kinesis.Grains.Tests.Appends;

/// <summary>The shards' "records appended" notices on the memory streams provider of one silo, and their arming.</summary>
[Collection(GrainClusterCollection.Name)]
[Trait("Area", "Grains")]
public sealed class ShardAppendsTests(GrainClusterFixture cluster)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task AShard_PublishesOnlyWhenArmed_OneNoticeForItsNextFlush_AndTheClose()
    {
        var key = await ShardKeyAsync("appends-armed");
        var shard = cluster.Grains.GetGrain<IShardGrain>(key);
        var source = cluster.Grains.GetGrain<IShardAppendsSource>(key);

        Assert.Equal(new ShardAppended(0, false), await source.ArmAsync());
        await shard.AppendAsync(ShardGrainTests.Batch("a", "b", "c", "d", "e")); // armed: one notice, which disarms
        await shard.AppendAsync(ShardGrainTests.Batch("f", "g", "h")); // nobody armed it again: no notice
        Assert.Equal(new ShardAppended(8, false), await source.ArmAsync()); // the arming answers the position itself
        Assert.Equal(new ShardAppended(8, false), await source.ArmAsync()); // arming twice still means one notice
        await shard.CloseAsync();
        var notices = await cluster.Grains.GetGrain<INoticeRecorderGrain>(key).WaitForAsync(2);

        Assert.Equal([new ShardAppended(5, false), new ShardAppended(8, true)], notices);
        Assert.Equal(new ShardAppended(8, true), await source.ArmAsync());
    }

    [Fact]
    public async Task TheRelay_WakesAWaiter_OnTheNextAppend_AndAnswersAtOnceForRecordsAlreadyDurable()
    {
        var key = await ShardKeyAsync("appends-relay");
        var shard = cluster.Grains.GetGrain<IShardGrain>(key);
        var relay = cluster.Grains.GetGrain<IShardAppendsGrain>(key);

        var waiting = relay.WaitAsync(0, long.MaxValue); // only a notice (or the arming's answer) ends it
        await shard.AppendAsync(ShardGrainTests.Batch("x"));

        Assert.True(await waiting.WaitAsync(Bound));
        Assert.True(await relay.WaitAsync(0, long.MaxValue));
        Assert.False(await relay.WaitAsync(1, 0)); // nothing past the first record yet
    }

    [Fact]
    public async Task AWait_ForRecordsThatBecameDurableWhileNobodyWaited_EndsAtOnce()
    {
        var key = await ShardKeyAsync("appends-unwatched");
        var shard = cluster.Grains.GetGrain<IShardGrain>(key);
        await shard.AppendAsync(ShardGrainTests.Batch("a", "b")); // no waiter: published nothing

        // The relay never had a notice; arming the shard answers its position, which covers the wait.
        Assert.True(await cluster.Grains.GetGrain<IShardAppendsGrain>(key).WaitAsync(1, long.MaxValue).WaitAsync(Bound));
    }

    [Fact]
    public async Task AWait_OnAShardClosedWhileNobodyWaited_EndsAtOnce()
    {
        var key = await ShardKeyAsync("appends-closed");
        await cluster.Grains.GetGrain<IShardGrain>(key).CloseAsync();

        Assert.True(await cluster.Grains.GetGrain<IShardAppendsGrain>(key).WaitAsync(1000, long.MaxValue).WaitAsync(Bound));
    }

    [Fact]
    public async Task AWaitingReader_IsWoken_ByTheCloseOfItsShard()
    {
        var key = await ShardKeyAsync("appends-close-wakes");
        var waiting = cluster.Grains.GetGrain<IShardAppendsGrain>(key).WaitAsync(0, long.MaxValue);
        Assert.Equal(new ShardAppended(0, false), await cluster.Grains.GetGrain<IShardAppendsSource>(key).ArmAsync()); // the wait armed it already

        await cluster.Grains.GetGrain<IShardGrain>(key).CloseAsync();

        Assert.True(await waiting.WaitAsync(Bound));
    }

    [Fact]
    public async Task WaitsRacingAppends_AreEachWoken_NoWakeUpIsLost()
    {
        // Each round starts waits for the next record and appends it at the same time, so the arming, its answer,
        // the flush and the notice interleave in every order; a lost wake-up would leave a wait with no deadline.
        var key = await ShardKeyAsync("appends-race");
        var shard = cluster.Grains.GetGrain<IShardGrain>(key);
        var relay = cluster.Grains.GetGrain<IShardAppendsGrain>(key);
        for (var round = 0; round < 100; round++)
        {
            var first = round * 2L;
            var appended = shard.AppendAsync(ShardGrainTests.Batch("a" + round)); // takes ordinal first
            var waitFirst = relay.WaitAsync(first, long.MaxValue);
            var waitNext = relay.WaitAsync(first + 1, long.MaxValue); // still uncovered after the first notice: arms again
            await appended;
            Assert.True(await waitFirst.WaitAsync(Bound), $"round {round}: the wait for ordinal {first} was never woken");

            await shard.AppendAsync(ShardGrainTests.Batch("b" + round));
            Assert.True(await waitNext.WaitAsync(Bound), $"round {round}: the wait for ordinal {first + 1} was never woken");
        }
    }

    private async Task<string> ShardKeyAsync(string stream)
    {
        var key = StreamStorage.ShardKey(stream, 1, 0);
        await cluster.Grains.GetGrain<IShardGrain>(key).InitializeAsync(new ShardDescriptor(0, new HashKeyRange(0, UInt128.MaxValue), null, null, 1, null), 24);
        return key;
    }
}
