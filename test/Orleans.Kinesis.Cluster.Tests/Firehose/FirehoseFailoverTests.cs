using System.Diagnostics;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Azure.Storage.Blobs;
using Orleans.Kinesis.Cluster.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Orleans.Kinesis.Cluster.Tests.Firehose;

/// <summary>A delivery stream keeps delivering to its bucket after the node holding it is killed.</summary>
[Trait("Area", "Cluster")]
public sealed class FirehoseFailoverTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task KillTheNodeHoldingTheDeliveryStream_EveryAcknowledgedRecordReachesTheBucket()
    {
        await using var cluster = await LocalCluster.StartAsync(3);
        var name = "failover-" + Guid.NewGuid().ToString("N")[..8];
        await CallOkAsync(cluster, 0, "CreateDeliveryStream", new
        {
            DeliveryStreamName = name,
            ExtendedS3DestinationConfiguration = new
            {
                RoleARN = "arn:aws:iam::000000000000:role/firehose",
                BucketARN = "arn:aws:s3:::" + name,
                BufferingHints = new { SizeInMBs = 1, IntervalInSeconds = 0 },
            },
        });
        var acknowledged = new List<string>();
        var next = new StrongBox<int>(0);
        await PutBatchAsync(cluster, [0], name, acknowledged, next);

        var watch = Stopwatch.StartNew();
        int[] holders;
        while ((holders = await cluster.ActivationsAsync("delivery-stream")).Sum() == 0)
        {
            Assert.True(watch.Elapsed < Bound, "no node activated the delivery stream");
            await Task.Delay(100); // polling the nodes' metrics with a deadline
        }

        var victim = Array.FindIndex(holders, n => n > 0);
        int[] survivors = [.. Enumerable.Range(0, 3).Where(i => i != victim)];
        output.WriteLine($"delivery stream held by node {victim}; killing it");
        await cluster.KillNodeAsync(victim);
        for (var batch = 0; batch < 10; batch++)
        {
            await PutBatchAsync(cluster, survivors, name, acknowledged, next);
        }

        // Wait (bounded) until every acknowledged record is in the bucket; duplicates are allowed (at least once).
        var bucket = new BlobServiceClient(cluster.ConnectionString).GetBlobContainerClient(name);
        watch.Restart();
        HashSet<string> delivered;
        while (!(delivered = await DeliveredLinesAsync(bucket)).IsSupersetOf(acknowledged))
        {
            Assert.True(watch.Elapsed < Bound, $"{acknowledged.Count(a => !delivered.Contains(a))} of {acknowledged.Count} acknowledged records never reached bucket {name}\n{cluster.Output()}");
            await Task.Delay(200); // polling the bucket with a deadline
        }

        output.WriteLine($"{acknowledged.Count} acknowledged records delivered in {watch.Elapsed.TotalSeconds:0.0} s after the last put");
    }

    /// <summary>
    /// Puts 10 new records through the given nodes in turn until one acknowledges, within <see cref="Bound"/> (the
    /// cluster needs its membership's failure detection, several seconds, before a dead node's grains move); records
    /// the acknowledged ones. A failed batch is never resent: its records may or may not be stored, so they prove nothing.
    /// </summary>
    private static async Task PutBatchAsync(LocalCluster cluster, int[] nodes, string name, List<string> acknowledged, StrongBox<int> next)
    {
        var watch = Stopwatch.StartNew();
        for (var attempt = 0; watch.Elapsed < Bound; attempt++)
        {
            var records = Enumerable.Range(next.Value, 10).Select(n => $"{name}-{n}").ToArray();
            next.Value += records.Length;
            var http = cluster.Http(nodes[attempt % nodes.Length]);
            var body = JsonSerializer.Serialize(new { DeliveryStreamName = name, Records = records.Select(r => new { Data = Convert.ToBase64String(Encoding.UTF8.GetBytes(r + "\n")) }) });
            try
            {
                var response = await http.SendAsync(http.Request("Firehose_20150804.PutRecordBatch", body));
                if (response.Status == HttpStatusCode.OK)
                {
                    var results = response.Json!["RequestResponses"]!.AsArray();
                    acknowledged.AddRange(records.Where((_, i) => results[i]!["ErrorCode"] is null));
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // The node went away mid-request.
            }

            await Task.Delay(100); // a client's retry back-off, under the deadline above
        }

        Assert.Fail($"no node of {string.Join(", ", nodes)} acknowledged a batch in {Bound.TotalSeconds:0} s\n{cluster.Output()}");
    }

    private static async Task<HashSet<string>> DeliveredLinesAsync(BlobContainerClient bucket)
    {
        var lines = new HashSet<string>(StringComparer.Ordinal);
        if (!await bucket.ExistsAsync())
        {
            return lines;
        }

        await foreach (var item in bucket.GetBlobsAsync())
        {
            var content = await bucket.GetBlobClient(item.Name).DownloadContentAsync();
            lines.UnionWith(Encoding.UTF8.GetString(content.Value.Content.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries));
        }

        return lines;
    }

    private static async Task CallOkAsync(LocalCluster cluster, int node, string operation, object body)
    {
        var http = cluster.Http(node);
        var response = await http.SendAsync(http.Request("Firehose_20150804." + operation, JsonSerializer.Serialize(body)));
        Assert.True(response.Status == HttpStatusCode.OK, $"{operation} failed: {(int)response.Status} {response.Text}");
    }
}
