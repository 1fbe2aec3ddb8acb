using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Storage.Blobs;
using Orleans.Kinesis.Cluster.Tests.Infrastructure;
using Orleans.Kinesis.Host.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Orleans.Kinesis.Cluster.Tests.DataStreams;

/// <summary>
/// The shards' "records appended" notices cross nodes: a SubscribeToShard consumer connected to one node gets
/// records put through the other as soon as they are durable (before the heartbeat that would otherwise carry them),
/// and a Firehose delivery stream reading the stream delivers records put on either node.
/// </summary>
[Trait("Area", "Cluster")]
public sealed class AppendNoticeTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task RecordsPutOnOneNode_ReachASubscriptionAndAFirehoseSourceOnTheOther()
    {
        await using var cluster = await LocalCluster.StartAsync(2);
        var stream = await Streams.CreateActiveAsync(cluster.Http(0), "notices", 4);
        await Streams.WaitForStatusAsync(cluster.Http(1), stream, "ACTIVE");
        var shards = (await cluster.Http(1).OkAsync("ListShards", new { StreamName = stream }))!["Shards"]!.AsArray();
        var firehose = "notices-" + Guid.NewGuid().ToString("N")[..8];
        await FirehoseOkAsync(cluster.Http(1), "CreateDeliveryStream", new
        {
            DeliveryStreamName = firehose,
            DeliveryStreamType = "KinesisStreamAsSource",
            KinesisStreamSourceConfiguration = new { KinesisStreamARN = $"arn:aws:kinesis:us-east-1:000000000000:stream/{stream}", RoleARN = "arn:aws:iam::000000000000:role/firehose" },
            ExtendedS3DestinationConfiguration = new
            {
                RoleARN = "arn:aws:iam::000000000000:role/firehose",
                BucketARN = "arn:aws:s3:::" + firehose,
                BufferingHints = new { SizeInMBs = 1, IntervalInSeconds = 0 },
            },
        });

        // A consumer on node 0 subscribes to every shard; node 1 writes to each in turn.
        var consumer = await Consumers.RegisterActiveAsync(cluster.Http(0), stream, "notice-consumer");
        var sent = new List<string>();
        for (var i = 0; i < shards.Count; i++)
        {
            var shardId = shards[i]!["ShardId"]!.GetValue<string>();
            await using var subscription = await EventSubscription.OpenAsync(cluster.Http(0),
                new { ConsumerARN = consumer, ShardId = shardId, StartingPosition = new { Type = "LATEST" } });
            await subscription.NextEventAsync("the first event of the subscription to " + shardId);
            var opened = Stopwatch.StartNew();
            string[] texts = [$"live-{i}a", $"live-{i}b"];
            await cluster.Http(1).OkAsync("PutRecords", new { StreamName = stream, Records = texts.Select(t => Entry(t, shards[i]!)).ToArray() });
            sent.AddRange(texts);

            var (records, _) = await subscription.ReadRecordsAsync(2, $"node 1's writes to {shardId} on node 0's subscription");
            var elapsed = opened.Elapsed;
            Assert.Equal(texts, records.Select(Text));
            output.WriteLine($"{shardId}: records on the subscription {elapsed.TotalMilliseconds:0} ms after its first event");
            Assert.True(elapsed < Heartbeat, $"the records came with the heartbeat ({elapsed}), not with the shard's notice");
        }

        var placement = await cluster.ActivationsAsync("shard");
        var relays = await cluster.ActivationsAsync("shard-appends");
        output.WriteLine($"shards per node: {string.Join(" / ", placement)}; notice relays per node: {string.Join(" / ", relays)}");

        // Records put through node 0 as well: the delivery stream (created on node 1) reads every shard wherever it is.
        string[] more = [.. Enumerable.Range(0, shards.Count).Select(i => $"more-{i}")];
        await cluster.Http(0).OkAsync("PutRecords", new { StreamName = stream, Records = more.Select((t, i) => Entry(t, shards[i]!)).ToArray() });
        sent.AddRange(more);
        var bucket = new BlobServiceClient(cluster.ConnectionString).GetBlobContainerClient(firehose);
        var watch = Stopwatch.StartNew();
        HashSet<string> delivered;
        while (!(delivered = await DeliveredAsync(bucket)).IsSupersetOf(sent))
        {
            Assert.True(watch.Elapsed < Bound, $"{sent.Count(s => !delivered.Contains(s))} of {sent.Count} records never reached bucket {firehose}\n{cluster.Output()}");
            await Task.Delay(200); // polling the bucket with a deadline
        }

        output.WriteLine($"{sent.Count} records delivered by the Kinesis-source delivery stream");
    }

    private static object Entry(string text, JsonNode shard) => new
    {
        Data = Convert.ToBase64String(Encoding.UTF8.GetBytes(text)),
        PartitionKey = "k",
        ExplicitHashKey = shard["HashKeyRange"]!["StartingHashKey"]!.GetValue<string>(),
    };

    private static string Text(JsonNode record) => Encoding.UTF8.GetString(Convert.FromBase64String(record["Data"]!.GetValue<string>()));

    /// <summary>The records in the bucket's objects (a Kinesis source's records are written back to back, no separator).</summary>
    private static async Task<HashSet<string>> DeliveredAsync(BlobContainerClient bucket)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        if (!await bucket.ExistsAsync())
        {
            return found;
        }

        await foreach (var item in bucket.GetBlobsAsync())
        {
            var content = Encoding.UTF8.GetString((await bucket.GetBlobClient(item.Name).DownloadContentAsync()).Value.Content.ToArray());
            foreach (var match in System.Text.RegularExpressions.Regex.Matches(content, "(live-[0-9]+[ab]|more-[0-9]+)"))
            {
                found.Add(((System.Text.RegularExpressions.Match)match).Value);
            }
        }

        return found;
    }

    private static async Task FirehoseOkAsync(KinesisHttp http, string operation, object body)
    {
        var response = await http.SendAsync(http.Request("Firehose_20150804." + operation, JsonSerializer.Serialize(body)));
        Assert.True(response.Status == HttpStatusCode.OK, $"{operation} failed: {(int)response.Status} {response.Text}");
    }
}
