using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using static Orleans.Kinesis.Gateway.CloudWatch.CloudWatchInput;

namespace Orleans.Kinesis.Gateway.CloudWatch;

/// <summary>
/// GetMetricData: each query is a MetricStat (a metric, period and statistic, percentiles included) or a metric math
/// <c>Expression</c> over other queries' ids (<see cref="MetricMath"/>); queries with <c>ReturnData: false</c> feed
/// expressions without being returned.
/// </summary>
internal sealed partial class MetricDataQueries
{
    private const int MaxQueries = 500;

    private readonly IReadOnlyList<MetricStore> _stores;
    private readonly DateTimeOffset _from;
    private readonly DateTimeOffset _to;
    private readonly Dictionary<string, JsonObject> _queries = new(StringComparer.Ordinal);
    private readonly Dictionary<string, MetricTimeSeries> _results = new(StringComparer.Ordinal);
    private readonly HashSet<string> _evaluating = new(StringComparer.Ordinal);

    private MetricDataQueries(IReadOnlyList<MetricStore> stores, DateTimeOffset from, DateTimeOffset to)
    {
        _stores = stores;
        _from = from;
        _to = to;
    }

    public static JsonObject Run(IReadOnlyList<MetricStore> stores, JsonObject input)
    {
        var (from, to) = CloudWatchOperations.Window(input);
        var queries = input["MetricDataQueries"] as JsonArray ?? throw CloudWatchException.Missing("MetricDataQueries");
        if (queries.Count is 0 or > MaxQueries)
        {
            throw CloudWatchException.InvalidParameter($"MetricDataQueries must hold 1 to {MaxQueries} queries.");
        }

        var run = new MetricDataQueries(stores, from, to);
        var order = new List<string>();
        foreach (var node in queries)
        {
            var query = node as JsonObject ?? throw CloudWatchException.InvalidParameter("Each of MetricDataQueries must be a structure.");
            var id = RequiredString(query, "Id");
            if (!IdPattern().IsMatch(id))
            {
                throw CloudWatchException.InvalidParameter($"The value {id} for parameter MetricDataQueries.member.Id is not valid: it must start with a lowercase letter and hold only letters, digits and underscores.");
            }

            if ((query["MetricStat"] is JsonObject) == (String(query["Expression"]) is { Length: > 0 }))
            {
                throw new CloudWatchException("InvalidParameterCombination", $"The query {id} must have exactly one of MetricStat and Expression.");
            }

            if (!run._queries.TryAdd(id, query))
            {
                throw CloudWatchException.InvalidParameter($"The Id {id} is used by more than one query.");
            }

            order.Add(id);
        }

        var ascending = String(input["ScanBy"]) == "TimestampAscending";
        var results = new JsonArray();
        foreach (var id in order)
        {
            var series = run.Resolve(id);
            if (String(run._queries[id]["ReturnData"]) == "false")
            {
                continue;
            }

            var points = ascending ? series.Points.ToList() : series.Points.Reverse().ToList();
            results.Add(new JsonObject
            {
                ["Id"] = id,
                ["Label"] = series.Label,
                ["Timestamps"] = new JsonArray([.. points.Select(p => (JsonNode)JsonValue.Create(p.Key))]),
                ["Values"] = new JsonArray([.. points.Select(p => (JsonNode)JsonValue.Create(p.Value))]),
                ["StatusCode"] = "Complete",
            });
        }

        return new JsonObject { ["MetricDataResults"] = results, ["Messages"] = new JsonArray() };
    }

    private MetricTimeSeries Resolve(string id)
    {
        if (_results.TryGetValue(id, out var done))
        {
            return done;
        }

        if (!_queries.TryGetValue(id, out var query))
        {
            throw new CloudWatchException("ValidationError", $"Error in expression: unknown query id '{id}'.");
        }

        if (!_evaluating.Add(id))
        {
            throw new CloudWatchException("ValidationError", $"Error in expression '{id}': it refers to itself (a cycle of expressions).");
        }

        var series = query["MetricStat"] is JsonObject stat ? Stat(id, query, stat) : Expression(id, query);
        _evaluating.Remove(id);
        _results[id] = series;
        return series;
    }

    private MetricTimeSeries Stat(string id, JsonObject query, JsonObject stat)
    {
        var metric = stat["Metric"] as JsonObject ?? throw CloudWatchException.Missing("MetricStat.Metric");
        var ns = RequiredString(metric, "Namespace");
        var name = RequiredString(metric, "MetricName");
        var period = CloudWatchOperations.Period(Integer(stat["Period"], "Period") ?? throw CloudWatchException.Missing("MetricStat.Period"));
        var statistic = RequiredString(stat, "Stat");
        if (!MetricStatisticNames.IsSupported(statistic))
        {
            throw CloudWatchException.InvalidParameter($"The statistic {statistic} of query {id} is not supported: use SampleCount, Average, Sum, Minimum, Maximum or a percentile (p99, p99.9).");
        }

        var points = new SortedDictionary<DateTimeOffset, double>();
        var periods = MetricPeriods.Read(_stores, ns, name, CloudWatchOperations.RequiredDimensions(metric["Dimensions"]), _from, _to, period, out var unit);
        if (unit is not null && CloudWatchOperations.UnitMatches(unit, stat))
        {
            foreach (var (start, stats) in periods)
            {
                if (CloudWatchOperations.Percentile(stats, statistic) is { } value)
                {
                    points[start] = value;
                }
            }
        }

        return new MetricTimeSeries(points, period, String(query["Label"]) ?? name);
    }

    private MetricTimeSeries Expression(string id, JsonObject query)
    {
        var period = Integer(query["Period"], "Period") is { } seconds ? CloudWatchOperations.Period(seconds) : 1;
        return MetricMath.Evaluate(id, String(query["Expression"])!, String(query["Label"]) ?? id, period, Resolve, Metrics, Grid);
    }

    private List<MetricTimeSeries> Metrics()
    {
        var metrics = new List<MetricTimeSeries>();
        foreach (var (id, query) in _queries)
        {
            if (query["MetricStat"] is JsonObject)
            {
                metrics.Add(Resolve(id));
            }
        }

        return metrics;
    }

    private IEnumerable<DateTimeOffset> Grid(int periodMinutes)
    {
        var end = (_to.ToUnixTimeMilliseconds() + 59_999) / 60_000;
        for (var start = _from.ToUnixTimeMilliseconds() / 60_000; start < end; start += periodMinutes)
        {
            yield return DateTimeOffset.FromUnixTimeMilliseconds(start * 60_000);
        }
    }

    [GeneratedRegex("^[a-z][a-zA-Z0-9_]*$")]
    private static partial Regex IdPattern();
}
