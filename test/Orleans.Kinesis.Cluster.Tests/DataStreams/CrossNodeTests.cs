using System.Text;
using System.Text.Json.Nodes;
using Orleans.Kinesis.Cluster.Tests.Infrastructure;
using Orleans.Kinesis.Host.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Orleans.Kinesis.Cluster.Tests.DataStreams;

/// <summary>Three nodes serve one set of streams: any request to any node, shards spread over the nodes.</summary>
[Trait("Area", "Cluster")]
public sealed class CrossNodeTests(ITestOutputHelper output)
{
    [Fact]
    public async Task CreateOnOne_WriteOnAnother_ReadAndSubscribeOnTheThird_ThenResubscribeWhenTheNodeStops()
    {
        await using var cluster = await LocalCluster.StartAsync(3);
        var stream = await Streams.CreateActiveAsync(cluster.Http(0), "cross", 16);
        await Streams.WaitForStatusAsync(cluster.Http(1), stream, "ACTIVE");
        var shards = (await cluster.Http(2).OkAsync("ListShards", new { StreamName = stream }))!["Shards"]!.AsArray();

        // Node 1 writes two records to every shard; iterators issued by node 0 read them on node 2.
        var entries = shards.SelectMany((shard, i) => new[] { Entry($"r{i}a", shard!), Entry($"r{i}b", shard!) }).ToArray();
        var put = await cluster.Http(1).OkAsync("PutRecords", new { StreamName = stream, Records = entries });
        Assert.Equal(0, put!["FailedRecordCount"]!.GetValue<int>());
        var acknowledged = put["Records"]!.AsArray().Select(r => r!["SequenceNumber"]!.GetValue<string>()).ToArray();
        for (var i = 0; i < shards.Count; i++)
        {
            var shardId = shards[i]!["ShardId"]!.GetValue<string>();
            var iterator = await Streams.IteratorAsync(cluster.Http(0), stream, shardId, "TRIM_HORIZON");
            var records = (await cluster.Http(2).OkAsync("GetRecords", new { ShardIterator = iterator }))!["Records"]!.AsArray();
            Assert.Equal([$"r{i}a", $"r{i}b"], records.Select(r => Text(r!)));
            Assert.Equal(acknowledged[(2 * i)..(2 * i + 2)], records.Select(r => r!["SequenceNumber"]!.GetValue<string>()));
        }

        var placement = await cluster.ActivationsAsync("shard");
        output.WriteLine($"16 shards over 3 nodes (shard activations per node): {string.Join(" / ", placement)}");
        Assert.Equal(shards.Count, placement.Sum());
        Assert.True(placement.Count(n => n > 0) >= 2, $"all shards landed on one node: {string.Join(" / ", placement)}");

        // SubscribeToShard on node 2 sees what node 0 writes.
        var shard0 = shards[0]!["ShardId"]!.GetValue<string>();
        var consumer = await Consumers.RegisterActiveAsync(cluster.Http(0), stream, "cluster-consumer");
        await Consumers.WaitForStatusAsync(cluster.Http(2), consumer, "ACTIVE");
        var subscription = await EventSubscription.OpenAsync(cluster.Http(2), Subscribe(consumer, shard0, "LATEST", null));
        string continuation;
        try
        {
            await cluster.Http(0).OkAsync("PutRecords", new { StreamName = stream, Records = new[] { Entry("live-1", shards[0]!), Entry("live-2", shards[0]!) } });
            var (live, last) = await subscription.ReadRecordsAsync(2, "node 0's writes on node 2's subscription");
            Assert.Equal(["live-1", "live-2"], live.Select(Text));
            continuation = last["ContinuationSequenceNumber"]!.GetValue<string>();

            // Node 2 leaves gracefully: its subscription ends, and the consumer resumes on node 1 after the last record it saw.
            await cluster.StopNodeAsync(2);
            await AssertEndsAsync(subscription);
        }
        finally
        {
            await subscription.DisposeAsync();
        }

        await cluster.Http(0).OkAsync("PutRecords", new { StreamName = stream, Records = new[] { Entry("after-1", shards[0]!) } });
        await using var resumed = await EventSubscription.OpenAsync(cluster.Http(1), Subscribe(consumer, shard0, "AFTER_SEQUENCE_NUMBER", continuation));
        var (rest, _) = await resumed.ReadRecordsAsync(1, "the record written while the consumer moved to node 1");
        Assert.Equal(["after-1"], rest.Select(Text));
    }

    private static async Task AssertEndsAsync(EventSubscription subscription)
    {
        for (var events = 0; events < 100; events++)
        {
            try
            {
                if (await subscription.NextAsync("the end of the subscription on the stopped node", TimeSpan.FromSeconds(30)) is null)
                {
                    return;
                }
            }
            catch (Exception e) when (e is IOException or HttpRequestException)
            {
                return; // the connection closed under the reader
            }
        }

        Assert.Fail("the subscription kept sending events after its node stopped");
    }

    private static object Entry(string text, JsonNode shard) => new
    {
        Data = Convert.ToBase64String(Encoding.UTF8.GetBytes(text)),
        PartitionKey = "k",
        ExplicitHashKey = shard["HashKeyRange"]!["StartingHashKey"]!.GetValue<string>(),
    };

    private static object Subscribe(string consumer, string shardId, string type, string? sequence) => new
    {
        ConsumerARN = consumer,
        ShardId = shardId,
        StartingPosition = sequence is null ? (object)new { Type = type } : new { Type = type, SequenceNumber = sequence },
    };

    private static string Text(JsonNode record) => Encoding.UTF8.GetString(Convert.FromBase64String(record["Data"]!.GetValue<string>()));
}
