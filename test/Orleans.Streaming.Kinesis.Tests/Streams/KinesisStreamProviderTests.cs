using System.Globalization;
using System.Numerics;
using System.Text;
using Orleans.Kinesis.Client;
using Orleans.Kinesis.Client.Consumer;
using Orleans.Kinesis.Client.Model;
using Orleans.Kinesis.TestKit;
using Orleans.Runtime;
using Orleans.Streaming.Kinesis.Tests.Infrastructure;

namespace Orleans.Streaming.Kinesis.Tests.Streams;

/// <summary>The Kinesis stream provider in a two-silo TestingHost cluster against the real server on loopback.</summary>
[Collection(KinesisClusterCollection.Name)]
[Trait("Suite", "StreamProvider")]
public sealed class KinesisStreamProviderTests(KinesisCluster fixture)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task KplAggregatedRecords_ReachTheImplicitlySubscribedGrainOfTheirKey_InShardOrder()
    {
        const string Prefix = "kpl-";
        var expected = await ProduceAsync(Prefix, "r", 400, keys: 10);

        await Deliveries.WhenAsync(() => Distinct(Prefix).Count >= expected.Count).WithTimeout("400 KPL records at the grains", Patience);

        var received = Deliveries.ForPrefix(Prefix);
        Assert.Equal(expected.OrderBy(x => x, StringComparer.Ordinal), Distinct(Prefix).OrderBy(x => x, StringComparer.Ordinal));
        Assert.All(received, d => Assert.Equal(d.GrainKey, d.Record.PartitionKey));
        foreach (var perKey in received.GroupBy(d => d.GrainKey))
        {
            AssertIncreasing(perKey.Select(d => d.Record).ToList());
        }
    }

    [Fact]
    public async Task OnNextAsyncFromTheClusterClient_WritesAKinesisRecord_ThatComesBackToTheGrain()
    {
        var provider = fixture.Cluster.Client.GetStreamProvider(KinesisCluster.ProviderName);
        var stream = provider.GetStream<string>(StreamId.Create(KinesisCluster.Namespace, "client-1"));

        await stream.OnNextAsync("hello from an Orleans client");
        await stream.OnNextBatchAsync(["second", "third"]);

        await Deliveries.WhenAsync(() => Deliveries.ForPrefix("client-1").Count >= 3).WithTimeout("3 events back at grain client-1", Patience);
        Assert.Equal(["hello from an Orleans client", "second", "third"], Deliveries.ForPrefix("client-1").Select(d => Encoding.UTF8.GetString(d.Record.Data)));

        var stored = await ReadStreamAsync(fixture.Kinesis, fixture.StreamName, "client-1");
        Assert.Equal(["hello from an Orleans client", "second", "third"], stored);
    }

    [Fact]
    public async Task GrainWritesToAnotherNamespace_IsRefusedWithTheProviderNamespaceNamed()
    {
        var provider = fixture.Cluster.Client.GetStreamProvider(KinesisCluster.ProviderName);
        var stream = provider.GetStream<string>(StreamId.Create("not-orders", "k"));

        var error = await Assert.ThrowsAsync<ArgumentException>(() => stream.OnNextAsync("x"));
        Assert.Contains("'orders'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SplitDuringConsumption_ParentDeliveredBeforeChildren_AndCheckpointsStored()
    {
        const string Prefix = "split-";
        var before = await ProduceAsync(Prefix, "before", 200, keys: 8);
        await Deliveries.WhenAsync(() => Distinct(Prefix).Count >= before.Count).WithTimeout("records before the split", Patience);

        var shards = await fixture.Kinesis.ListAllShardsAsync(fixture.StreamName);
        var parent = shards.First(s => s.SequenceNumberRange.EndingSequenceNumber is null);
        var start = BigInteger.Parse(parent.HashKeyRange.StartingHashKey, CultureInfo.InvariantCulture);
        var end = BigInteger.Parse(parent.HashKeyRange.EndingHashKey, CultureInfo.InvariantCulture);
        await fixture.Kinesis.SplitShardAsync(new SplitShardRequest
        {
            StreamName = fixture.StreamName,
            ShardToSplit = parent.ShardId,
            NewStartingHashKey = ((start + end + 1) / 2).ToString(CultureInfo.InvariantCulture),
        });
        await fixture.WaitActiveAsync(fixture.StreamName);

        var after = await ProduceAsync(Prefix, "after", 200, keys: 8);
        await Deliveries.WhenAsync(() => Distinct(Prefix).Count >= before.Count + after.Count).WithTimeout("records after the split", Patience);

        var received = Deliveries.ForPrefix(Prefix);
        Assert.Equal(before.Concat(after).OrderBy(x => x, StringComparer.Ordinal), Distinct(Prefix).OrderBy(x => x, StringComparer.Ordinal));
        var children = (await fixture.Kinesis.ListAllShardsAsync(fixture.StreamName)).Where(s => s.ParentShardId == parent.ShardId).Select(s => s.ShardId).ToList();
        Assert.Equal(2, children.Count);
        Assert.Contains(received, d => children.Contains(d.Record.ShardId));
        foreach (var perKey in received.GroupBy(d => d.GrainKey))
        {
            // A key of the split shard: every record of the parent arrives before any of a child.
            var sequence = perKey.Select(d => d.Record.ShardId).ToList();
            var lastParent = sequence.LastIndexOf(parent.ShardId);
            var firstChild = sequence.FindIndex(children.Contains);
            Assert.True(lastParent < 0 || firstChild < 0 || lastParent < firstChild, $"{perKey.Key}: a child record came before the parent's last");
        }

        await CheckpointAsync(parent.ShardId, c => c.IsShardEnd).WithTimeout("SHARD_END checkpoint of " + parent.ShardId, Patience);
    }

    private async Task CheckpointAsync(string shardId, Func<ExtendedSequenceNumber, bool> condition)
    {
        // The pulling agent reports deliveries when it purges its cache (every read cycle); poll the store, bounded.
        for (var attempt = 0; attempt < 600; attempt++)
        {
            if (await fixture.Checkpoints.GetAsync(shardId, CancellationToken.None) is { } lease && condition(lease.Checkpoint))
            {
                return;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("checkpoint of " + shardId);
    }

    private async Task<List<string>> ProduceAsync(string prefix, string label, int count, int keys)
        => [.. (await TestProducer.ProduceAsync(fixture.Kinesis, fixture.StreamName, prefix, label, count, keys)).Select(p => p.Data)];

    private static HashSet<string> Distinct(string prefix)
        => [.. Deliveries.ForPrefix(prefix).Select(d => Encoding.UTF8.GetString(d.Record.Data))];

    private static void AssertIncreasing(List<KinesisStreamRecord> records)
    {
        for (var i = 1; i < records.Count; i++)
        {
            var previous = new ExtendedSequenceNumber(records[i - 1].SequenceNumber, records[i - 1].SubSequenceNumber);
            var current = new ExtendedSequenceNumber(records[i].SequenceNumber, records[i].SubSequenceNumber);
            Assert.True(previous.CompareTo(current) < 0, $"{records[i].PartitionKey}: {current} delivered after {previous}");
        }
    }

    private static async Task<List<string>> ReadStreamAsync(KinesisClient client, string stream, string partitionKey)
    {
        var found = new List<string>();
        foreach (var shard in await client.ListAllShardsAsync(stream))
        {
            var iterator = (await client.GetShardIteratorAsync(new GetShardIteratorRequest { StreamName = stream, ShardId = shard.ShardId, ShardIteratorType = ShardIteratorTypes.TrimHorizon })).ShardIterator;
            for (var page = 0; iterator is not null && page < 1000; page++)
            {
                var response = await client.GetRecordsAsync(new GetRecordsRequest { ShardIterator = iterator });
                found.AddRange(response.Records.SelectMany(r => Orleans.Kinesis.Client.Aggregation.Deaggregator.Deaggregate(r, shard.HashKeyRange))
                    .Where(r => r.PartitionKey == partitionKey).Select(r => Encoding.UTF8.GetString(r.Data.Span)));
                if (response.Records.Count == 0 && response.MillisBehindLatest == 0)
                {
                    break;
                }

                iterator = response.NextShardIterator;
            }
        }

        return found;
    }
}
