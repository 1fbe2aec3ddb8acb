using System.Text.Json.Nodes;
using static Orleans.Kinesis.Gateway.CloudWatch.CloudWatchInput;

namespace Orleans.Kinesis.Gateway.CloudWatch;

/// <summary>
/// GetMetricStatistics, GetMetricData and ListMetrics over this node's <see cref="MetricAggregator"/>, at 1-minute
/// resolution (periods are multiples of 60 seconds). Statistics: SampleCount, Sum, Average, Minimum, Maximum.
/// </summary>
public sealed class CloudWatchOperations
{
    public const int MaxDatapoints = 1440;
    private static readonly HashSet<string> Statistics = new(StringComparer.Ordinal) { "SampleCount", "Average", "Sum", "Minimum", "Maximum" };

    private readonly MetricAggregator _aggregator;

    public CloudWatchOperations(MetricAggregator aggregator) => _aggregator = aggregator;

    public JsonObject Invoke(string action, JsonObject input) => action switch
    {
        "GetMetricStatistics" => GetMetricStatistics(input),
        "GetMetricData" => GetMetricData(input),
        "ListMetrics" => ListMetrics(input),
        _ => throw new CloudWatchException("InvalidAction", $"The action {action} is not valid for this web service.", 400),
    };

    public JsonObject GetMetricStatistics(JsonObject input)
    {
        var ns = RequiredString(input, "Namespace");
        var name = RequiredString(input, "MetricName");
        var (from, to) = Window(input);
        var period = Period(Integer(input["Period"], "Period") ?? throw CloudWatchException.Missing("Period"));
        var statistics = Strings(input["Statistics"]);
        if (Strings(input["ExtendedStatistics"]).Count > 0)
        {
            throw CloudWatchException.InvalidParameter("ExtendedStatistics (percentiles) are not kept by this server; use Statistics.");
        }

        if (statistics.Count is 0 or > 5 || !statistics.TrueForAll(Statistics.Contains))
        {
            throw CloudWatchException.InvalidParameter("Statistics must hold 1 to 5 of SampleCount, Average, Sum, Minimum, Maximum.");
        }

        CheckDatapoints(from, to, period);
        var datapoints = new JsonArray();
        var series = Series(ns, name, input["Dimensions"], out var table);
        if (series is not null && UnitMatches(table!, input))
        {
            foreach (var (start, stats) in Periods(series, from, to, period))
            {
                var datapoint = new JsonObject { ["Timestamp"] = JsonValue.Create(start) };
                foreach (var statistic in statistics)
                {
                    datapoint[statistic] = stats.Get(statistic);
                }

                datapoint["Unit"] = table!.Unit;
                datapoints.Add(datapoint);
            }
        }

        return new JsonObject { ["Label"] = name, ["Datapoints"] = datapoints };
    }

    public JsonObject GetMetricData(JsonObject input)
    {
        var (from, to) = Window(input);
        var queries = input["MetricDataQueries"] as JsonArray ?? throw CloudWatchException.Missing("MetricDataQueries");
        var ascending = String(input["ScanBy"]) == "TimestampAscending";
        var results = new JsonArray();
        foreach (var node in queries)
        {
            if (node is not JsonObject query)
            {
                continue;
            }

            var id = RequiredString(query, "Id");
            if (query["MetricStat"] is not JsonObject stat)
            {
                throw CloudWatchException.InvalidParameter($"The query {id} has no MetricStat: metric math expressions are not supported by this server.");
            }

            if (String(query["ReturnData"]) == "false")
            {
                continue;
            }

            var metric = stat["Metric"] as JsonObject ?? throw CloudWatchException.Missing("MetricStat.Metric");
            var ns = RequiredString(metric, "Namespace");
            var name = RequiredString(metric, "MetricName");
            var period = Period(Integer(stat["Period"], "Period") ?? throw CloudWatchException.Missing("MetricStat.Period"));
            var statistic = RequiredString(stat, "Stat");
            if (!Statistics.Contains(statistic))
            {
                throw CloudWatchException.InvalidParameter($"The statistic {statistic} of query {id} is not supported: use SampleCount, Average, Sum, Minimum or Maximum.");
            }

            var timestamps = new List<DateTimeOffset>();
            var values = new List<double>();
            if (Series(ns, name, metric["Dimensions"], out var table) is { } series && UnitMatches(table!, stat))
            {
                foreach (var (start, stats) in Periods(series, from, to, period))
                {
                    timestamps.Add(start);
                    values.Add(stats.Get(statistic)!.Value);
                }
            }

            if (!ascending)
            {
                timestamps.Reverse();
                values.Reverse();
            }

            results.Add(new JsonObject
            {
                ["Id"] = id,
                ["Label"] = String(query["Label"]) ?? name,
                ["Timestamps"] = new JsonArray([.. timestamps.Select(t => (JsonNode)JsonValue.Create(t))]),
                ["Values"] = new JsonArray([.. values.Select(v => (JsonNode)JsonValue.Create(v))]),
                ["StatusCode"] = "Complete",
            });
        }

        return new JsonObject { ["MetricDataResults"] = results, ["Messages"] = new JsonArray() };
    }

    public JsonObject ListMetrics(JsonObject input)
    {
        var ns = String(input["Namespace"]);
        var name = String(input["MetricName"]);
        var filters = Dimensions(input["Dimensions"]);
        var metrics = new JsonArray();
        foreach (var table in _aggregator.Tables(ns).OrderBy(t => t.Namespace, StringComparer.Ordinal).ThenBy(t => t.Name, StringComparer.Ordinal))
        {
            if (name is not null && table.Name != name)
            {
                continue;
            }

            foreach (var (dimensions, _) in table.All())
            {
                if (filters.TrueForAll(f => dimensions.Find(f.Key) is { } value && (f.Value is null || f.Value == value)))
                {
                    var list = new JsonArray();
                    foreach (var (dimension, value) in dimensions.All())
                    {
                        list.Add(new JsonObject { ["Name"] = dimension, ["Value"] = value });
                    }

                    metrics.Add(new JsonObject { ["Namespace"] = table.Namespace, ["MetricName"] = table.Name, ["Dimensions"] = list });
                }
            }
        }

        return new JsonObject { ["Metrics"] = metrics };
    }

    private MetricSeries? Series(string ns, string name, JsonNode? dimensionsNode, out MetricTable? table)
    {
        table = _aggregator.Find(ns, name);
        var dimensions = new List<KeyValuePair<string, string>>();
        foreach (var (key, value) in Dimensions(dimensionsNode))
        {
            dimensions.Add(new(key, value ?? throw CloudWatchException.Missing("Dimensions.member.Value")));
        }

        return table?.Find(dimensions);
    }

    private static bool UnitMatches(MetricTable table, JsonObject input) => String(input["Unit"]) is not { } unit || unit == table.Unit;

    private static (DateTimeOffset From, DateTimeOffset To) Window(JsonObject input)
    {
        var from = Time(input, "StartTime");
        var to = Time(input, "EndTime");
        if (to <= from)
        {
            throw CloudWatchException.InvalidParameter("The parameter StartTime must be less than the parameter EndTime.");
        }

        return (from, to);
    }

    private static int Period(long seconds)
        => seconds >= 60 && seconds % 60 == 0 && seconds <= 86_400 * 455
            ? (int)(seconds / 60)
            : throw CloudWatchException.InvalidParameter("The parameter Period must be a multiple of 60 (this server keeps 1-minute datapoints).");

    private static void CheckDatapoints(DateTimeOffset from, DateTimeOffset to, int periodMinutes)
    {
        var count = (long)Math.Ceiling((to - from).TotalMinutes / periodMinutes);
        if (count > MaxDatapoints)
        {
            throw new CloudWatchException("InvalidParameterCombination",
                $"You have requested up to {count} datapoints, which exceeds the limit of {MaxDatapoints}. You may reduce the datapoints requested by increasing Period, or decreasing the time range.");
        }
    }

    /// <summary>The periods of [from, to) that hold samples, starting at <paramref name="from"/>'s minute.</summary>
    private static IEnumerable<(DateTimeOffset Start, MetricStatistics Statistics)> Periods(MetricSeries series, DateTimeOffset from, DateTimeOffset to, int periodMinutes)
    {
        var first = from.ToUnixTimeMilliseconds() / 60_000;
        var end = (to.ToUnixTimeMilliseconds() + 59_999) / 60_000;
        for (var start = first; start < end; start += periodMinutes)
        {
            var stats = series.Read(start, Math.Min(start + periodMinutes, end));
            if (stats.SampleCount > 0)
            {
                yield return (DateTimeOffset.FromUnixTimeMilliseconds(start * 60_000), stats);
            }
        }
    }
}
