using System.Text;
using Orleans.Kinesis.Host.Tests.FanOut;
using Orleans.Kinesis.Host.Tests.Infrastructure;
using static Orleans.Kinesis.Host.Tests.Monitoring.MetricReader;

namespace Orleans.Kinesis.Host.Tests.Monitoring;

/// <summary>
/// The Prometheus scrape at <c>/metrics</c> shows the figures the CloudWatch API shows, metric family by family.
/// Runs the Host as a process of its own: OpenTelemetry drops every meter of a name once any meter of that name is
/// disposed (open-telemetry/opentelemetry-dotnet#6412), which the other in-process servers of this test run do.
/// </summary>
[Trait("Area", "Monitoring")]
public sealed class PrometheusScrapeTests
{
    [Fact]
    public async Task Scrape_HasTheSameSumsAndCountsAsTheCloudWatchApi_ForEveryFamily()
    {
        await using var server = await ServerProcess.StartAsync(null);
        using var http = new KinesisHttp(server.Endpoint, new Version(1, 1));
        using var metrics = new MetricReader(server.Endpoint, TimeProvider.System);
        var stream = await Streams.CreateActiveAsync(http, "prom", 2);
        await http.OkAsync("EnableEnhancedMonitoring", new { StreamName = stream, ShardLevelMetrics = new[] { "ALL" } });
        await http.OkAsync("PutRecord", new { StreamName = stream, PartitionKey = "k", ExplicitHashKey = "0", Data = Data(10) });
        await http.OkAsync("PutRecords", new { StreamName = stream, Records = Enumerable.Range(0, 4).Select(_ => new { PartitionKey = "p", ExplicitHashKey = "0", Data = Data(20) }) });
        var iterator = await Streams.IteratorAsync(http, stream, "shardId-000000000000", "TRIM_HORIZON");
        var page = await http.OkAsync("GetRecords", new { ShardIterator = iterator });
        Assert.Equal(5, page!["Records"]!.AsArray().Count);

        var consumerArn = await Consumers.RegisterActiveAsync(http, stream, "reader");
        await using (var subscription = await EventSubscription.OpenAsync(http, SubscribeToShardTests.Subscribe(consumerArn, "TRIM_HORIZON")))
        {
            var received = 0;
            while (received < 5)
            {
                received += (await subscription.NextEventAsync($"the five records ({received} so far)"))["Records"]!.AsArray().Count;
            }
        }

        var delivery = "prom-" + Guid.NewGuid().ToString("N")[..8];
        await FirehoseAsync(http, "CreateDeliveryStream", new
        {
            DeliveryStreamName = delivery,
            ExtendedS3DestinationConfiguration = new { RoleARN = "arn:aws:iam::000000000000:role/firehose", BucketARN = "arn:aws:s3:::" + delivery },
        });
        await FirehoseAsync(http, "PutRecordBatch", new { DeliveryStreamName = delivery, Records = new[] { new { Data = Data(3) }, new { Data = Data(4) } } });

        var stream0 = Stream(stream);
        var shard0 = Shard(stream, "shardId-000000000000");
        var consumer = new Dictionary<string, string> { ["StreamName"] = stream, ["ConsumerName"] = "reader" };
        var firehose = new Dictionary<string, string> { ["DeliveryStreamName"] = delivery };
        (string Namespace, string Metric, Dictionary<string, string> Dimensions, double Sum, long Count)[] expected =
        [
            (KinesisNs, "IncomingRecords", stream0, 5, 2),
            (KinesisNs, "IncomingBytes", stream0, 11 + (4 * 21), 2),
            (KinesisNs, "PutRecords.TotalRecords", stream0, 4, 1),
            (KinesisNs, "PutRecord.Success", stream0, 1, 1),
            (KinesisNs, "GetRecords.Records", stream0, 5, 1),
            (KinesisNs, "GetRecords.Bytes", stream0, 11 + (4 * 21), 1),
            (KinesisNs, "IncomingRecords", shard0, 5, 2),
            (KinesisNs, "OutgoingRecords", shard0, 10, -1),
            (KinesisNs, "SubscribeToShard.Success", consumer, 1, 1),
            (KinesisNs, "SubscribeToShardEvent.Records", consumer, 5, -1),
            (FirehoseNs, "IncomingRecords", firehose, 2, 1),
            (FirehoseNs, "IncomingBytes", firehose, 7, 1),
            (FirehoseNs, "PutRecordBatch.Records", firehose, 2, 1),
        ];
        var answers = await metrics.JsDatapointsAsync([.. expected.Select(e => StatisticsQuery(e.Namespace, e.Metric, e.Dimensions, "Sum", "SampleCount"))]);
        var scrape = await metrics.ScrapeAsync();
        for (var i = 0; i < expected.Length; i++)
        {
            var (ns, metric, dimensions, sum, count) = expected[i];
            var what = $"{ns} {metric} {string.Join(",", dimensions.Values)}";
            Assert.True(answers[i] is not null, $"CloudWatch has no datapoint for {what}");
            Assert.True(sum == Value(answers[i], "Sum"), $"CloudWatch Sum of {what}: {Value(answers[i], "Sum")}, expected {sum}");
            var instrument = (ns == KinesisNs ? "kinesis." : "firehose.") + metric;
            Assert.True(sum == scrape.Get(instrument, "sum", dimensions), $"Prometheus sum of {what}: {scrape.Get(instrument, "sum", dimensions)}, expected {sum}");
            var samples = Value(answers[i], "SampleCount");
            Assert.True(count < 0 || count == samples, $"CloudWatch SampleCount of {what}: {samples}, expected {count}");
            Assert.True(samples == scrape.Get(instrument, "count", dimensions), $"Prometheus count of {what}: {scrape.Get(instrument, "count", dimensions)}, CloudWatch {samples}");
        }
    }

    [Fact]
    public async Task Scrape_FlushDuration_IsInSecondsWithBucketsFromFiftyMicroseconds()
    {
        using var data = new TempDataDirectory("kinesis-flush-buckets");
        await using var server = await ServerProcess.StartAsync(data.Path);
        using var http = new KinesisHttp(server.Endpoint, new Version(1, 1));
        using var metrics = new MetricReader(server.Endpoint, TimeProvider.System);
        var stream = await Streams.CreateActiveAsync(http, "flushes", 1);
        for (var i = 0; i < 3; i++)
        {
            await http.OkAsync("PutRecord", new { StreamName = stream, PartitionKey = "k", Data = Data(10) });
        }

        var text = (await metrics.ScrapeAsync()).Text;
        const string family = "orleans_kinesis_storage_log_flush_duration_seconds";
        long Bucket(string le)
        {
            var prefix = family + "_bucket{";
            var line = text.Split('\n').SingleOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal) && l.Contains($"le=\"{le}\"", StringComparison.Ordinal));
            Assert.True(line is not null, $"no {family} bucket le=\"{le}\" in the scrape:\n{text}");
            return long.Parse(line![(line.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        }

        // Boundaries from 50 µs (a local flush takes about 0.1 ms); the exporter's defaults would start at 5 "seconds".
        var flushes = Bucket("+Inf");
        Assert.True(flushes >= 3, $"{flushes} flushes counted for 3 durable PutRecord calls");
        Assert.True(Bucket("5E-05") <= Bucket("0.0001") && Bucket("0.0001") <= Bucket("0.001"));
        Assert.True(Bucket("1") >= 1, $"no flush of {flushes} took under a second:\n{text}");
    }

    private static async Task FirehoseAsync(KinesisHttp http, string operation, object body)
    {
        var response = await http.SendAsync(http.Request("Firehose_20150804." + operation, System.Text.Json.JsonSerializer.Serialize(body)));
        Assert.True(response.Status == System.Net.HttpStatusCode.OK, $"{operation}: {(int)response.Status} {response.Text}");
    }

    private static string Data(int bytes) => Convert.ToBase64String(Encoding.ASCII.GetBytes(new string('x', bytes)));
}
