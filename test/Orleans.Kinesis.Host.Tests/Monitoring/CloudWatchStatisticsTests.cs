using System.Globalization;
using Orleans.Kinesis.Host.Tests.Infrastructure;
using Orleans.Kinesis.Host.Tests.RealClients;
using static Orleans.Kinesis.Host.Tests.Monitoring.MetricReader;

namespace Orleans.Kinesis.Host.Tests.Monitoring;

/// <summary>
/// Percentiles (ExtendedStatistics, and pNN stats in GetMetricData) and metric math, read with the real JS SDK and
/// the AWS CLI; an expression the server cannot evaluate is a 400 ValidationError.
/// </summary>
[Collection(MonitoringCollection.Name)]
[Trait("Area", "Monitoring")]
public sealed class CloudWatchStatisticsTests
{
    private readonly MonitoringFixture _server;

    public CloudWatchStatisticsTests(MonitoringFixture server) => _server = server;

    [Fact]
    public async Task IteratorAgePercentiles_OfTenReadsOneSecondApart_AreWithinTheirBucket()
    {
        // One record, then ten reads from TRIM_HORIZON, each a second later: ages 1 000 … 10 000 ms.
        var stream = await Streams.CreateActiveAsync(_server.Http, "cw-pct", 1);
        await _server.Http.OkAsync("PutRecord", new { StreamName = stream, PartitionKey = "p", Data = "AAAA" });
        for (var i = 0; i < 10; i++)
        {
            _server.Clock.Advance(TimeSpan.FromSeconds(1));
            var iterator = await Streams.IteratorAsync(_server.Http, stream, "shardId-000000000000", "TRIM_HORIZON");
            Assert.Single((await _server.Http.OkAsync("GetRecords", new { ShardIterator = iterator }))!["Records"]!.AsArray());
        }

        var output = await _server.Metrics.JsAsync(
            statistics: [new { @namespace = KinesisNs, metric = "GetRecords.IteratorAgeMilliseconds", dimensions = Stream(stream), extended = new[] { "p0", "p50", "p90", "p100" } }],
            data: [new { @namespace = KinesisNs, metric = "GetRecords.IteratorAgeMilliseconds", dimensions = Stream(stream), stat = "p90" }]);
        var point = output["statistics"]![0]!["Datapoints"]!.AsArray().Single()!;
        var extended = point["ExtendedStatistics"]!;
        Assert.Equal(1_000, extended["p0"]!.GetValue<double>()); // the exact minimum
        AssertNear(5_000, extended["p50"]!.GetValue<double>());
        AssertNear(9_000, extended["p90"]!.GetValue<double>());
        Assert.Equal(10_000, extended["p100"]!.GetValue<double>()); // the exact maximum
        Assert.Null(point["Sum"]);
        AssertNear(9_000, output["data"]!["MetricDataResults"]![0]!["Values"]![0]!.GetValue<double>());

        // The query protocol's map of the AWS CLI.
        using var cli = new AwsCli(_server.Endpoint) { Service = "cloudwatch" };
        var now = _server.Clock.GetUtcNow();
        var answer = await cli.OkAsync("get-metric-statistics",
            "--namespace", KinesisNs, "--metric-name", "GetRecords.IteratorAgeMilliseconds", "--dimensions", $"Name=StreamName,Value={stream}",
            "--start-time", Iso(now.AddHours(-1)), "--end-time", Iso(now.AddHours(1)), "--period", "7200", "--extended-statistics", "p50", "p100");
        var cliPoint = answer!["Datapoints"]!.AsArray().Single()!;
        AssertNear(5_000, cliPoint["ExtendedStatistics"]!["p50"]!.GetValue<double>());
        Assert.Equal(10_000, cliPoint["ExtendedStatistics"]!["p100"]!.GetValue<double>());
    }

    [Fact]
    public async Task MetricMath_OverTwoMetrics_AndAnUnsupportedFunction_IsAValidationError()
    {
        var stream = await Streams.CreateActiveAsync(_server.Http, "cw-math", 1);
        await _server.Http.OkAsync("PutRecords", new { StreamName = stream, Records = Enumerable.Range(0, 4).Select(_ => new { PartitionKey = "pk", Data = "AAAA" }) });

        var output = await _server.Metrics.JsAsync(data:
        [
            new { id = "records", @namespace = KinesisNs, metric = "IncomingRecords", dimensions = Stream(stream), stat = "Sum", returnData = false },
            new { id = "bytes", @namespace = KinesisNs, metric = "IncomingBytes", dimensions = Stream(stream), stat = "Sum", returnData = false },
            new { id = "perRecord", expression = "bytes / records", label = "bytes per record" },
            new { id = "total", expression = "SUM([records, bytes]) * 2" },
        ]);
        var results = output["data"]!["MetricDataResults"]!.AsArray();
        Assert.Equal(["perRecord", "total"], results.Select(r => r!["Id"]!.GetValue<string>()));
        Assert.Equal("bytes per record", results[0]!["Label"]!.GetValue<string>());
        Assert.Equal(2 + 3, results[0]!["Values"]![0]!.GetValue<double>()); // partition key "pk" + 3 data bytes
        Assert.Equal((4 + 20) * 2, results[1]!["Values"]![0]!.GetValue<double>());

        var failed = await _server.Metrics.JsAsync(data: [new { id = "bad", expression = "STDDEV(2)" }], expectError: true);
        Assert.Equal("ValidationError", failed["error"]!["code"]!.GetValue<string>());
        Assert.Equal(400, failed["error"]!["httpStatusCode"]!.GetValue<int>());
        Assert.Contains("Unsupported function", failed["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    private static string Iso(DateTimeOffset time) => time.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    private static void AssertNear(double expected, double actual)
        => Assert.True(Math.Abs(actual - expected) <= expected * 0.07, $"expected about {expected} (a bucket is within 6.25%), got {actual}");
}
