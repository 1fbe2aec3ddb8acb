using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Orleans.Kinesis.Host.Tests.Infrastructure;
using Orleans.Kinesis.Host.Tests.RealClients;

namespace Orleans.Kinesis.Host.Tests.Monitoring;

/// <summary>
/// Reads a node's metrics the three ways users do: the real @aws-sdk/client-cloudwatch (test/js/cloudwatch-query.mjs),
/// the AWS CLI (<c>aws cloudwatch …</c>) and a Prometheus scrape of <c>/metrics</c>. CloudWatch reads cover
/// one period around the server's clock, so a statistic is over everything a test sent.
/// </summary>
public sealed class MetricReader : IDisposable
{
    public const string KinesisNs = "AWS/Kinesis";
    public const string FirehoseNs = "AWS/Firehose";
    private static readonly TimeSpan NodeBound = TimeSpan.FromSeconds(60);
    private readonly Uri _endpoint;
    private readonly TimeProvider _clock;
    private readonly HttpClient _http = new();

    public MetricReader(Uri endpoint, TimeProvider clock)
    {
        _endpoint = endpoint;
        _clock = clock;
    }

    public void Dispose() => _http.Dispose();

    /// <summary>A GetMetricStatistics query for <see cref="JsAsync"/>.</summary>
    public static object StatisticsQuery(string ns, string metric, Dictionary<string, string> dimensions, params string[] statistics)
        => new { @namespace = ns, metric, dimensions, statistics };

    /// <summary>Runs GetMetricStatistics (one per query), GetMetricData and ListMetrics with the JS SDK.</summary>
    /// <param name="expectError">Whether the calls must fail (the answer then holds <c>error</c>: name, code, status, message).</param>
    public async Task<JsonNode> JsAsync(object[]? statistics = null, object[]? data = null, object[]? list = null, bool expectError = false)
    {
        var node = RepoPaths.FindOnPath("node");
        Assert.True(node is not null, "node is not on PATH; the real-client tests need Node.js (CI installs it).");
        Assert.True(Directory.Exists(Path.Combine(RepoPaths.JsNodeModules, "@aws-sdk", "client-cloudwatch")),
            $"{RepoPaths.JsNodeModules} has no @aws-sdk/client-cloudwatch: run `npm ci --prefix test/js --ignore-scripts`.");
        var now = _clock.GetUtcNow();
        var request = JsonSerializer.Serialize(new
        {
            start = (now - TimeSpan.FromHours(1)).ToUnixTimeMilliseconds(),
            end = (now + TimeSpan.FromHours(1)).ToUnixTimeMilliseconds(),
            period = 7200,
            statistics = statistics ?? [],
            data = data ?? [],
            list = list ?? [],
        });
        var script = Path.Combine(RepoPaths.JsDirectory, "cloudwatch-query.mjs");
        var result = await ChildProcess.RunAsync(node!, [script, "--endpoint", _endpoint.ToString().TrimEnd('/'), "--request", request], NodeBound, workingDirectory: RepoPaths.JsDirectory);
        Assert.True(result.ExitCode == 0, result.Describe());
        var output = JsonNode.Parse(result.Stdout.Trim().Split('\n')[^1])!;
        Assert.True((output["error"] is not null) == expectError, expectError ? "the JS SDK call succeeded" : $"the JS SDK call failed: {output["error"]?.ToJsonString()}");
        return output;
    }

    /// <summary>The single datapoint of each GetMetricStatistics answer (null where the metric has none).</summary>
    public async Task<JsonNode?[]> JsDatapointsAsync(params object[] queries)
    {
        var output = await JsAsync(queries);
        return [.. output["statistics"]!.AsArray().Select(answer =>
        {
            var datapoints = answer!["Datapoints"]!.AsArray();
            Assert.True(datapoints.Count <= 1, $"more than one datapoint over one period: {answer.ToJsonString()}");
            return datapoints.Count == 0 ? null : datapoints[0];
        })];
    }

    /// <summary><c>aws cloudwatch get-metric-statistics</c> over the same period; the single datapoint or null.</summary>
    public async Task<JsonNode?> CliDatapointAsync(string ns, string metric, Dictionary<string, string> dimensions, params string[] statistics)
    {
        using var cli = new AwsCli(_endpoint) { Service = "cloudwatch" };
        var now = _clock.GetUtcNow();
        List<string> arguments =
        [
            "--namespace", ns, "--metric-name", metric,
            "--start-time", (now - TimeSpan.FromHours(1)).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            "--end-time", (now + TimeSpan.FromHours(1)).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            "--period", "7200", "--statistics", .. statistics,
        ];
        if (dimensions.Count > 0)
        {
            arguments.Add("--dimensions");
            arguments.AddRange(dimensions.Select(d => $"Name={d.Key},Value={d.Value}"));
        }

        var output = await cli.OkAsync("get-metric-statistics", [.. arguments]);
        Assert.Equal(metric, output!["Label"]!.GetValue<string>());
        var datapoints = output["Datapoints"]!.AsArray();
        Assert.True(datapoints.Count <= 1, output.ToJsonString());
        return datapoints.Count == 0 ? null : datapoints[0];
    }

    /// <summary>Scrapes <c>/metrics</c>: every <c>_sum</c>/<c>_count</c> sample, by metric and label set.</summary>
    public async Task<PrometheusScrape> ScrapeAsync()
    {
        using var response = await _http.GetAsync(new Uri(_endpoint, "/metrics"));
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return PrometheusScrape.Parse(await response.Content.ReadAsStringAsync());
    }

    public static Dictionary<string, string> Stream(string name) => new() { ["StreamName"] = name };

    public static Dictionary<string, string> Shard(string name, string shardId) => new() { ["StreamName"] = name, ["ShardId"] = shardId };

    public static double Value(JsonNode? datapoint, string statistic)
    {
        Assert.True(datapoint is not null, $"no datapoint where {statistic} was expected");
        return datapoint![statistic]!.GetValue<double>();
    }
}
