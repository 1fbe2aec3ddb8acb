using Orleans.Kinesis.Abstractions.Errors;
using Orleans.Kinesis.Abstractions.Grains;
using Orleans.Kinesis.Grains.Tests.Infrastructure;
using Orleans.Kinesis.Grains.Tests.Shards;

namespace Orleans.Kinesis.Grains.Tests.FanOut;

/// <summary>Enhanced fan-out through the stateless worker: events from a cursor, waiting in the shard for appends.</summary>
[Collection(GrainClusterCollection.Name)]
[Trait("Area", "Grains")]
public sealed class FanOutWorkerGrainTests(GrainClusterFixture cluster)
{
    [Fact]
    public async Task AWaitingStep_CompletesWithTheRecordsOfTheNextAppend()
    {
        var (start, shard) = await SubscribeAsync("fanout-wake");
        var worker = cluster.Grains.GetGrain<IFanOutWorkerGrain>(start.ShardKey);
        var now = cluster.Clock.GetUtcNow().ToUnixTimeMilliseconds();
        var first = await worker.NextAsync(new SubscriptionCursor(start, start.StartOrdinal, now + 300_000, now, now, 0));
        Assert.Equal(0, first.Event!.Records.Count); // the first event goes out at once, empty

        var waiting = worker.NextAsync(first.Next!);
        await shard.AppendAsync(ShardGrainTests.Batch("x", "y"));
        var next = await waiting.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(["x", "y"], next.Event!.Records.Items.Select(r => ShardGrainTests.Text(r.Data)));
        Assert.Equal(2, next.Next!.Position);
    }

    [Fact]
    public async Task ATakenOverLease_EndsTheSubscription_WithResourceInUse()
    {
        var (start, _) = await SubscribeAsync("fanout-takeover");
        cluster.Clock.Advance(TimeSpan.FromSeconds(6));
        await cluster.Grains.GetGrain<ISubscriptionLeaseGrain>(start.LeaseKey).AcquireAsync(start.ConsumerArn, "shardId-000000000000");
        var now = cluster.Clock.GetUtcNow().ToUnixTimeMilliseconds();

        var step = await cluster.Grains.GetGrain<IFanOutWorkerGrain>(start.ShardKey)
            .NextAsync(new SubscriptionCursor(start, 0, now + 300_000, now, now, 0));

        Assert.Equal(KinesisErrors.ResourceInUse, step.Event!.Error!.ErrorType);
        Assert.Null(step.Next);
    }

    private async Task<(SubscriptionStart Start, IShardGrain Shard)> SubscribeAsync(string name)
    {
        var snapshot = await cluster.CreateActiveStreamAsync(name, 1);
        var stream = cluster.Grains.GetGrain<IStreamGrain>(name);
        var consumer = await stream.RegisterConsumerAsync("efo", null);
        for (var attempt = 0; attempt < 50 && (await stream.GetSettledSnapshotAsync())!.FindConsumer("efo")!.Status != ConsumerStatus.Active; attempt++)
        {
            cluster.Clock.Advance(TimeSpan.FromSeconds(10));
        }

        var lease = await cluster.Grains.GetGrain<ISubscriptionLeaseGrain>(SubscriptionStart.LeaseKeyOf(consumer.ConsumerArn, 0))
            .AcquireAsync(consumer.ConsumerArn, "shardId-000000000000");
        var start = new SubscriptionStart(name, snapshot.CreatedTimeMs, 0, consumer.ConsumerArn, 0, lease);
        return (start, cluster.Grains.GetGrain<IShardGrain>(start.ShardKey));
    }
}
