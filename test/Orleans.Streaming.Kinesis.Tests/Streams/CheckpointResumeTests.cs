using System.Text;
using Orleans.Kinesis.Client.Consumer;
using Orleans.Kinesis.Client.Consumer.Leases;
using Orleans.Kinesis.TestKit;
using Orleans.Streaming.Kinesis.Tests.Infrastructure;

namespace Orleans.Streaming.Kinesis.Tests.Streams;

/// <summary>A new cluster over the same checkpoint store resumes where the previous one stopped.</summary>
[Collection(KinesisClusterCollection.Name)]
[Trait("Suite", "StreamProvider")]
public sealed class CheckpointResumeTests(KinesisCluster fixture)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task ClusterRestartedOnTheSameCheckpoints_DeliversOnlyTheNewRecords()
    {
        const string Prefix = "resume-";
        var stream = await fixture.CreateStreamAsync("resume", 2);
        var checkpoints = new InMemoryLeaseStore();

        var first = await KinesisCluster.StartClusterAsync(fixture.Endpoint, stream, checkpoints, silos: 1);
        try
        {
            var before = await TestProducer.ProduceAsync(fixture.Kinesis, stream, Prefix, "before", 100, keys: 5);
            await Deliveries.WhenAsync(() => Received(Prefix).Count >= 100).WithTimeout("first cluster: 100 records", Patience);
            foreach (var shard in before.GroupBy(p => p.Result.ShardId!))
            {
                var last = shard.Select(p => Position(p.Result)).Aggregate((a, b) => a.CompareTo(b) >= 0 ? a : b);
                await WaitCheckpointAsync(checkpoints, shard.Key, last).WithTimeout($"checkpoint of {shard.Key} at {last}", Patience);
            }
        }
        finally
        {
            await first.DisposeAsync();
        }

        await TestProducer.ProduceAsync(fixture.Kinesis, stream, Prefix, "after", 100, keys: 5);
        var second = await KinesisCluster.StartClusterAsync(fixture.Endpoint, stream, checkpoints, silos: 1);
        try
        {
            await Deliveries.WhenAsync(() => Received(Prefix).Count(d => d.StartsWith("after-", StringComparison.Ordinal)) >= 100).WithTimeout("second cluster: 100 new records", Patience);
        }
        finally
        {
            await second.DisposeAsync();
        }

        var received = Received(Prefix);
        Assert.Equal(200, received.Count); // each record exactly once: nothing checkpointed was read again
        Assert.Equal(200, received.Distinct(StringComparer.Ordinal).Count());
    }

    private static List<string> Received(string prefix) => [.. Deliveries.ForPrefix(prefix).Select(d => Encoding.UTF8.GetString(d.Record.Data))];

    private static ExtendedSequenceNumber Position(Orleans.Kinesis.Client.Producer.UserRecordResult result) => new(result.SequenceNumber!, result.SubSequenceNumber);

    private static async Task WaitCheckpointAsync(ILeaseStore store, string shardId, ExtendedSequenceNumber atLeast)
    {
        // Deliveries are reported when the pulling agent purges its cache (each read cycle); poll the store, bounded.
        for (var attempt = 0; attempt < 1200; attempt++)
        {
            if (await store.GetAsync(shardId, CancellationToken.None) is { Checkpoint: { IsSentinel: false } checkpoint } && checkpoint.CompareTo(atLeast) >= 0)
            {
                return;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"checkpoint of {shardId} at {atLeast}");
    }
}
