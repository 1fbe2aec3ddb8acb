using System.Text.Json.Nodes;
using Orleans.Kinesis.Gateway.CloudWatch;

namespace Orleans.Kinesis.Gateway.Tests.CloudWatch;

/// <summary>GetMetricData's metric math over a store with two series, and the errors AWS gives for bad queries.</summary>
[Trait("Area", "Monitoring")]
public sealed class MetricDataQueriesTests
{
    private const long Minute = 29_000_000;

    private readonly MetricStore _store = new(60);

    public MetricDataQueriesTests()
    {
        var records = _store.GetOrAdd("AWS/Kinesis", "IncomingRecords", "Count").Series(new("StreamName", "orders", null, null));
        var bytes = _store.GetOrAdd("AWS/Kinesis", "IncomingBytes", "Bytes").Series(new("StreamName", "orders", null, null));
        records.Add(Minute, 4);
        bytes.Add(Minute, 400);
        records.Add(Minute + 1, 2);
        bytes.Add(Minute + 1, 100);
    }

    [Theory]
    [InlineData("b / r", new[] { 100.0, 50.0 })]
    [InlineData("(b + r) * 2", new[] { 808.0, 204.0 })]
    [InlineData("-r + 10", new[] { 6.0, 8.0 })]
    [InlineData("SUM([b, r])", new[] { 404.0, 102.0 })]
    [InlineData("MAX([b, r * 200])", new[] { 800.0, 400.0 })]
    [InlineData("r / 0", new double[0])]
    [InlineData("SUM(r) + 0 * r", new[] { 6.0, 6.0 })]
    [InlineData("PERIOD(r) + 0 * r", new[] { 60.0, 60.0 })]
    [InlineData("FILL(r, 0)", new[] { 4.0, 2.0, 0.0 })]
    [InlineData("AVG(METRICS())", new[] { 202.0, 51.0 })]
    public void Expression_IsEvaluatedPerTimestamp(string expression, double[] expected)
    {
        var result = Run(Query("e", expression));
        var values = result["MetricDataResults"]!.AsArray().Single(r => r!["Id"]!.GetValue<string>() == "e")!["Values"]!.AsArray();
        Assert.Equal(expected, values.Select(v => v!.GetValue<double>()));
    }

    [Theory]
    [InlineData("FOO(r)", "Unsupported function or arguments: FOO")]
    [InlineData("r +", "Unexpected end of expression")]
    [InlineData("x * 2", "unknown query id 'x'")]
    [InlineData("e + 1", "it refers to itself")]
    [InlineData("[r, b]", "must produce one time series")]
    public void BadExpression_IsAValidationError(string expression, string message)
    {
        var error = Assert.Throws<CloudWatchException>(() => Run(Query("e", expression)));
        Assert.Equal("ValidationError", error.Code);
        Assert.Equal("ValidationError", error.JsonType);
        Assert.Equal(400, error.StatusCode);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BadQueries_AreInvalidParameters()
    {
        Assert.Equal("InvalidParameterCombination", Assert.Throws<CloudWatchException>(() => Run(new JsonObject { ["Id"] = "e" })).Code);
        Assert.Equal("InvalidParameterValue", Assert.Throws<CloudWatchException>(() => Run(Query("E1", "r"))).Code);
        Assert.Equal("InvalidParameterValue", Assert.Throws<CloudWatchException>(() => Run(Query("r", "1"))).Code); // duplicate id
        Assert.Equal("InvalidParameterValue", Assert.Throws<CloudWatchException>(() => Run(Stat("s", "IncomingRecords", "tm99"))).Code);
    }

    [Fact]
    public void PercentileStat_OfACountWithEqualSamples_IsThatValue()
    {
        var result = Run(Stat("s", "IncomingRecords", "p99"));
        var s = result["MetricDataResults"]!.AsArray().Single(r => r!["Id"]!.GetValue<string>() == "s")!;
        Assert.Equal([2.0, 4.0], s["Values"]!.AsArray().Select(v => v!.GetValue<double>())); // newest first by default
    }

    private JsonObject Run(params JsonObject[] extra)
    {
        var start = DateTimeOffset.FromUnixTimeMilliseconds(Minute * 60_000);
        JsonNode[] queries = [Stat("r", "IncomingRecords", "Sum", returnData: false), Stat("b", "IncomingBytes", "Sum", returnData: false), .. extra];
        return MetricDataQueries.Run([_store], new JsonObject
        {
            ["StartTime"] = start.ToUnixTimeSeconds(),
            ["EndTime"] = start.AddMinutes(3).ToUnixTimeSeconds(),
            ["ScanBy"] = extra.Any(q => q["Expression"] is not null) ? "TimestampAscending" : null,
            ["MetricDataQueries"] = new JsonArray(queries),
        });
    }

    private static JsonObject Query(string id, string expression) => new() { ["Id"] = id, ["Expression"] = expression };

    private static JsonObject Stat(string id, string metric, string stat, bool returnData = true) => new()
    {
        ["Id"] = id,
        ["ReturnData"] = returnData,
        ["MetricStat"] = new JsonObject
        {
            ["Metric"] = new JsonObject
            {
                ["Namespace"] = "AWS/Kinesis",
                ["MetricName"] = metric,
                ["Dimensions"] = new JsonArray(new JsonObject { ["Name"] = "StreamName", ["Value"] = "orders" }),
            },
            ["Period"] = 60,
            ["Stat"] = stat,
        },
    };
}
