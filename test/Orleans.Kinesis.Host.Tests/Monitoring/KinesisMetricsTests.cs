using System.Text;
using System.Text.Json.Nodes;
using Orleans.Kinesis.Host.Tests.FanOut;
using Orleans.Kinesis.Host.Tests.Infrastructure;
using static Orleans.Kinesis.Host.Tests.Monitoring.MetricReader;

namespace Orleans.Kinesis.Host.Tests.Monitoring;

/// <summary>
/// Each AWS/Kinesis metric family after real traffic on a manual clock, read back through the CloudWatch API with the
/// JS SDK (and the AWS CLI for one figure per family): the exact Sum and SampleCount the traffic implies. The same
/// figures on the Prometheus scrape are checked in <see cref="PrometheusScrapeTests"/>, on a server process of its own.
/// </summary>
[Collection(MonitoringCollection.Name)]
[Trait("Area", "Monitoring")]
public sealed class KinesisMetricsTests
{
    private readonly MonitoringFixture _server;

    public KinesisMetricsTests(MonitoringFixture server) => _server = server;

    private KinesisHttp Http => _server.Http;

    [Fact]
    public async Task Puts_PutRecordAndPutRecords_ReportExactSumsAndSampleCounts()
    {
        var stream = await Streams.CreateActiveAsync(Http, "cw-puts", 1);
        for (var i = 0; i < 3; i++)
        {
            await Http.OkAsync("PutRecord", new { StreamName = stream, PartitionKey = "k", Data = Data(10) }); // 11 bytes each
        }

        var put = await Http.OkAsync("PutRecords", new { StreamName = stream, Records = Enumerable.Range(0, 4).Select(_ => new { PartitionKey = "p", Data = Data(20) }) });
        Assert.Equal(0, put!["FailedRecordCount"]!.GetValue<int>());

        var dims = Stream(stream);
        var points = await _server.Metrics.JsDatapointsAsync(
            StatisticsQuery(KinesisNs, "IncomingRecords", dims, "Sum", "SampleCount"),
            StatisticsQuery(KinesisNs, "IncomingBytes", dims, "Sum", "SampleCount"),
            StatisticsQuery(KinesisNs, "PutRecord.Success", dims, "Sum", "SampleCount", "Average"),
            StatisticsQuery(KinesisNs, "PutRecord.Bytes", dims, "Sum"),
            StatisticsQuery(KinesisNs, "PutRecord.Latency", dims, "SampleCount"),
            StatisticsQuery(KinesisNs, "PutRecords.TotalRecords", dims, "Sum", "SampleCount"),
            StatisticsQuery(KinesisNs, "PutRecords.SuccessfulRecords", dims, "Sum"),
            StatisticsQuery(KinesisNs, "PutRecords.FailedRecords", dims, "Sum"),
            StatisticsQuery(KinesisNs, "PutRecords.ThrottledRecords", dims, "Sum"),
            StatisticsQuery(KinesisNs, "PutRecords.Bytes", dims, "Sum"),
            StatisticsQuery(KinesisNs, "PutRecords.Success", dims, "Sum", "SampleCount"),
            StatisticsQuery(KinesisNs, "WriteProvisionedThroughputExceeded", dims, "Sum", "SampleCount"));
        Assert.Equal(7, Value(points[0], "Sum"));
        Assert.Equal(4, Value(points[0], "SampleCount"));
        Assert.Equal((3 * 11) + (4 * 21), Value(points[1], "Sum"));
        Assert.Equal(4, Value(points[1], "SampleCount"));
        Assert.Equal(3, Value(points[2], "Sum"));
        Assert.Equal(3, Value(points[2], "SampleCount"));
        Assert.Equal(1, Value(points[2], "Average"));
        Assert.Equal(33, Value(points[3], "Sum"));
        Assert.Equal(3, Value(points[4], "SampleCount"));
        Assert.Equal(4, Value(points[5], "Sum"));
        Assert.Equal(1, Value(points[5], "SampleCount"));
        Assert.Equal(4, Value(points[6], "Sum"));
        Assert.Equal(0, Value(points[7], "Sum"));
        Assert.Equal(0, Value(points[8], "Sum"));
        Assert.Equal(84, Value(points[9], "Sum"));
        Assert.Equal(1, Value(points[10], "Sum"));
        Assert.Equal(0, Value(points[11], "Sum"));
        Assert.Equal(4, Value(points[11], "SampleCount"));

        var cli = await _server.Metrics.CliDatapointAsync(KinesisNs, "IncomingRecords", dims, "Sum", "SampleCount");
        Assert.Equal(7, Value(cli, "Sum"));
        Assert.Equal(4, Value(cli, "SampleCount"));

    }

    [Fact]
    public async Task Gets_ReportRecordsBytesSuccessAndNoReadThrottling()
    {
        var stream = await Streams.CreateActiveAsync(Http, "cw-gets", 1);
        await Http.OkAsync("PutRecords", new { StreamName = stream, Records = Enumerable.Range(0, 5).Select(_ => new { PartitionKey = "p", Data = Data(30) }) });
        var iterator = await Streams.IteratorAsync(Http, stream, "shardId-000000000000", "TRIM_HORIZON");
        var counts = new List<int>();
        for (var call = 0; call < 3; call++)
        {
            var page = await Http.OkAsync("GetRecords", new { ShardIterator = iterator, Limit = 3 });
            counts.Add(page!["Records"]!.AsArray().Count);
            iterator = page["NextShardIterator"]!.GetValue<string>();
        }

        Assert.Equal([3, 2, 0], counts);
        var dims = Stream(stream);
        var points = await _server.Metrics.JsDatapointsAsync(
            StatisticsQuery(KinesisNs, "GetRecords.Records", dims, "Sum", "SampleCount", "Maximum", "Minimum"),
            StatisticsQuery(KinesisNs, "GetRecords.Bytes", dims, "Sum"),
            StatisticsQuery(KinesisNs, "GetRecords.Success", dims, "Sum", "SampleCount"),
            StatisticsQuery(KinesisNs, "GetRecords.Latency", dims, "SampleCount"),
            StatisticsQuery(KinesisNs, "ReadProvisionedThroughputExceeded", dims, "Sum", "SampleCount"));
        Assert.Equal(5, Value(points[0], "Sum"));
        Assert.Equal(3, Value(points[0], "SampleCount"));
        Assert.Equal(3, Value(points[0], "Maximum"));
        Assert.Equal(0, Value(points[0], "Minimum"));
        Assert.Equal(5 * 31, Value(points[1], "Sum"));
        Assert.Equal(3, Value(points[2], "Sum"));
        Assert.Equal(3, Value(points[3], "SampleCount"));
        Assert.Equal(0, Value(points[4], "Sum"));
        Assert.Equal(3, Value(points[4], "SampleCount"));

        var cli = await _server.Metrics.CliDatapointAsync(KinesisNs, "GetRecords.Records", dims, "Sum");
        Assert.Equal(5, Value(cli, "Sum"));
    }

    [Fact]
    public async Task ThrottledPutsAndReads_CountAsProvisionedThroughputExceeded()
    {
        // The clock stands still, so the shard's 1 MiB/s write and 5 reads/s budgets do not refill during the test.
        var stream = await Streams.CreateActiveAsync(Http, "cw-throttle", 1);
        var put = await Http.OkAsync("PutRecords", new { StreamName = stream, Records = Enumerable.Range(0, 500).Select(_ => new { PartitionKey = "p", Data = Data(2999) }) });
        var throttled = put!["Records"]!.AsArray().Count(r => r!["ErrorCode"]?.GetValue<string>() == "ProvisionedThroughputExceededException");
        Assert.True(throttled > 0, "a 1.5 MB PutRecords to one shard on a frozen clock was not throttled");
        Assert.Equal(throttled, put["FailedRecordCount"]!.GetValue<int>());
        var single = await Http.CallAsync("PutRecord", new { StreamName = stream, PartitionKey = "p", Data = Data(2999) });
        var singleThrottled = single.ErrorType == "ProvisionedThroughputExceededException" ? 1 : 0;

        var iterator = await Streams.IteratorAsync(Http, stream, "shardId-000000000000", "LATEST");
        var reads = 0;
        var readsThrottled = 0;
        for (var call = 0; call < 7; call++)
        {
            var page = await Http.CallAsync("GetRecords", new { ShardIterator = iterator });
            reads++;
            readsThrottled += page.ErrorType == "ProvisionedThroughputExceededException" ? 1 : 0;
        }

        Assert.True(readsThrottled > 0, "7 reads of one shard on a frozen clock were not throttled");
        var dims = Stream(stream);
        var points = await _server.Metrics.JsDatapointsAsync(
            StatisticsQuery(KinesisNs, "WriteProvisionedThroughputExceeded", dims, "Sum", "SampleCount"),
            StatisticsQuery(KinesisNs, "PutRecords.ThrottledRecords", dims, "Sum"),
            StatisticsQuery(KinesisNs, "PutRecords.SuccessfulRecords", dims, "Sum"),
            StatisticsQuery(KinesisNs, "PutRecord.Success", dims, "Sum", "SampleCount"),
            StatisticsQuery(KinesisNs, "IncomingRecords", dims, "Sum"),
            StatisticsQuery(KinesisNs, "ReadProvisionedThroughputExceeded", dims, "Sum", "SampleCount"));
        Assert.Equal(throttled + singleThrottled, Value(points[0], "Sum"));
        Assert.Equal(2, Value(points[0], "SampleCount"));
        Assert.Equal(throttled, Value(points[1], "Sum"));
        Assert.Equal(500 - throttled, Value(points[2], "Sum"));
        Assert.Equal(1 - singleThrottled, Value(points[3], "Sum"));
        Assert.Equal(1, Value(points[3], "SampleCount"));
        Assert.Equal(500 - throttled + 1 - singleThrottled, Value(points[4], "Sum"));
        Assert.Equal(readsThrottled, Value(points[5], "Sum"));
        Assert.Equal(reads, Value(points[5], "SampleCount"));

        var cli = await _server.Metrics.CliDatapointAsync(KinesisNs, "WriteProvisionedThroughputExceeded", dims, "Sum");
        Assert.Equal(throttled + singleThrottled, Value(cli, "Sum"));
    }

    [Fact]
    public async Task IteratorAge_OfALaggingReader_IsTheTimeSinceTheLastRecordArrived()
    {
        var stream = await Streams.CreateActiveAsync(Http, "cw-age", 1);
        await Http.OkAsync("PutRecords", new { StreamName = stream, Records = Enumerable.Range(0, 2).Select(_ => new { PartitionKey = "p", Data = Data(5) }) });
        _server.Clock.Advance(TimeSpan.FromSeconds(90));

        var iterator = await Streams.IteratorAsync(Http, stream, "shardId-000000000000", "TRIM_HORIZON");
        var lagging = await Http.OkAsync("GetRecords", new { ShardIterator = iterator });
        Assert.Equal(2, lagging!["Records"]!.AsArray().Count);
        var caughtUp = await Http.OkAsync("GetRecords", new { ShardIterator = lagging["NextShardIterator"]!.GetValue<string>() });
        Assert.Empty(caughtUp!["Records"]!.AsArray());

        var dims = Stream(stream);
        var point = (await _server.Metrics.JsDatapointsAsync(StatisticsQuery(KinesisNs, "GetRecords.IteratorAgeMilliseconds", dims, "Maximum", "Minimum", "SampleCount")))[0];
        Assert.Equal(90_000, Value(point, "Maximum"));
        Assert.Equal(0, Value(point, "Minimum"));
        Assert.Equal(2, Value(point, "SampleCount"));
        var cli = await _server.Metrics.CliDatapointAsync(KinesisNs, "GetRecords.IteratorAgeMilliseconds", dims, "Maximum");
        Assert.Equal(90_000, Value(cli, "Maximum"));
    }

    [Fact]
    public async Task EnhancedMonitoring_TurnsShardLevelMetricsOnAndOff()
    {
        var stream = await Streams.CreateActiveAsync(Http, "cw-shards", 2);
        var low = "0";
        var high = UInt128.MaxValue.ToString();
        object Batch() => new
        {
            StreamName = stream,
            Records = new[] { low, low, high }.Select(key => new { PartitionKey = "p", ExplicitHashKey = key, Data = Data(9) }),
        };

        await Http.OkAsync("PutRecords", Batch());
        var enabled = await Http.OkAsync("EnableEnhancedMonitoring", new { StreamName = stream, ShardLevelMetrics = new[] { "IncomingRecords", "IncomingBytes" } });
        Assert.Equal(2, enabled!["DesiredShardLevelMetrics"]!.AsArray().Count);
        await Http.OkAsync("PutRecords", Batch());
        await Http.OkAsync("DisableEnhancedMonitoring", new { StreamName = stream, ShardLevelMetrics = new[] { "ALL" } });
        await Http.OkAsync("PutRecords", Batch());

        var shard0 = Shard(stream, "shardId-000000000000");
        var shard1 = Shard(stream, "shardId-000000000001");
        var output = await _server.Metrics.JsAsync(
            statistics:
            [
                StatisticsQuery(KinesisNs, "IncomingRecords", shard0, "Sum", "SampleCount"),
                StatisticsQuery(KinesisNs, "IncomingRecords", shard1, "Sum", "SampleCount"),
                StatisticsQuery(KinesisNs, "IncomingBytes", shard0, "Sum"),
                StatisticsQuery(KinesisNs, "OutgoingRecords", shard0, "Sum"),
                StatisticsQuery(KinesisNs, "IncomingRecords", Stream(stream), "Sum"),
            ],
            list: [new { @namespace = KinesisNs, metric = "IncomingRecords", dimensions = new object[] { new { Name = "StreamName", Value = stream }, new { Name = "ShardId" } } }]);
        var points = output["statistics"]!.AsArray().Select(a => a!["Datapoints"]!.AsArray().SingleOrDefault()).ToArray();
        Assert.Equal(2, Value(points[0], "Sum"));
        Assert.Equal(1, Value(points[0], "SampleCount"));
        Assert.Equal(1, Value(points[1], "Sum"));
        Assert.Equal(20, Value(points[2], "Sum"));
        Assert.Null(points[3]);
        Assert.Equal(9, Value(points[4], "Sum"));
        var listed = output["list"]![0]!["Metrics"]!.AsArray()
            .Select(m => m!["Dimensions"]!.AsArray().Single(d => d!["Name"]!.GetValue<string>() == "ShardId")!["Value"]!.GetValue<string>())
            .Order(StringComparer.Ordinal);
        Assert.Equal(["shardId-000000000000", "shardId-000000000001"], listed);

    }

    [Fact]
    public async Task Subscription_ReportsSuccessRefusalAndPushedEvents()
    {
        var stream = await Streams.CreateActiveAsync(Http, "cw-efo", 1);
        var consumerArn = await Consumers.RegisterActiveAsync(Http, stream, "reader");
        await Http.OkAsync("PutRecords", new { StreamName = stream, Records = Enumerable.Range(0, 3).Select(_ => new { PartitionKey = "p", Data = Data(7) }) });
        var body = SubscribeToShardTests.Subscribe(consumerArn, "TRIM_HORIZON");
        int events;
        await using (var subscription = await EventSubscription.OpenAsync(Http, body))
        {
            var received = 0;
            for (events = 0; received < 3; events++)
            {
                received += (await subscription.NextEventAsync($"the three records ({received} so far)"))["Records"]!.AsArray().Count;
            }

            Assert.Equal(3, received);
            var (refused, error) = await EventSubscription.StartAsync(Http, body);
            Assert.Null(refused);
            Assert.Contains(error!.ErrorType, new[] { "ResourceInUseException", "LimitExceededException" });
        }

        var dims = new Dictionary<string, string> { ["StreamName"] = stream, ["ConsumerName"] = "reader" };
        var points = await _server.Metrics.JsDatapointsAsync(
            StatisticsQuery(KinesisNs, "SubscribeToShard.Success", dims, "Sum"),
            StatisticsQuery(KinesisNs, "SubscribeToShard.RateExceeded", dims, "Sum"),
            StatisticsQuery(KinesisNs, "SubscribeToShardEvent.Records", dims, "Sum"),
            StatisticsQuery(KinesisNs, "SubscribeToShardEvent.Bytes", dims, "Sum"),
            StatisticsQuery(KinesisNs, "SubscribeToShardEvent.Success", dims, "Sum"));
        Assert.Equal(1, Value(points[0], "Sum"));
        Assert.Equal(1, Value(points[1], "Sum"));
        Assert.Equal(3, Value(points[2], "Sum"));
        Assert.Equal(3 * 8, Value(points[3], "Sum"));
        Assert.True(Value(points[4], "Sum") >= events, $"{events} events were read but {Value(points[4], "Sum")} reported");

    }

    private static string Data(int bytes) => Convert.ToBase64String(Encoding.ASCII.GetBytes(new string('x', bytes)));
}
