using System.Text.Json.Nodes;
using static Orleans.Kinesis.Gateway.CloudWatch.CloudWatchInput;

namespace Orleans.Kinesis.Gateway.CloudWatch;

/// <summary>
/// GetMetricStatistics, GetMetricData (metric stats and math expressions, <see cref="MetricDataQueries"/>) and
/// ListMetrics over the cluster's stores (<see cref="ClusterMetrics"/>), at 1-minute resolution (periods are
/// multiples of 60 seconds). Statistics: SampleCount, Sum, Average, Minimum, Maximum, and percentiles (pNN.NN) of
/// the time metrics, or of any metric whose samples in the period were all equal.
/// </summary>
public sealed class CloudWatchOperations
{
    public const int MaxDatapoints = 1440;

    private readonly ClusterMetrics _cluster;

    public CloudWatchOperations(ClusterMetrics cluster) => _cluster = cluster;

    public async Task<JsonObject> InvokeAsync(string action, JsonObject input, CancellationToken cancellationToken) => action switch
    {
        "GetMetricStatistics" => GetMetricStatistics(await _cluster.StoresAsync(cancellationToken), input),
        "GetMetricData" => MetricDataQueries.Run(await _cluster.StoresAsync(cancellationToken), input),
        "ListMetrics" => ListMetrics(await _cluster.StoresAsync(cancellationToken), input),
        _ => throw new CloudWatchException("InvalidAction", $"The action {action} is not valid for this web service.", 400),
    };

    private static JsonObject GetMetricStatistics(IReadOnlyList<MetricStore> stores, JsonObject input)
    {
        var ns = RequiredString(input, "Namespace");
        var name = RequiredString(input, "MetricName");
        var (from, to) = Window(input);
        var period = Period(Integer(input["Period"], "Period") ?? throw CloudWatchException.Missing("Period"));
        var statistics = Strings(input["Statistics"]);
        var extended = Strings(input["ExtendedStatistics"]);
        if ((statistics.Count == 0) == (extended.Count == 0))
        {
            throw new CloudWatchException("InvalidParameterCombination", "Must specify either Statistics or ExtendedStatistics, but not both.");
        }

        if (statistics.Count > 5 || !statistics.TrueForAll(MetricStatisticNames.Basic.Contains))
        {
            throw CloudWatchException.InvalidParameter("Statistics must hold 1 to 5 of SampleCount, Average, Sum, Minimum, Maximum.");
        }

        if (extended.Count > 10)
        {
            throw CloudWatchException.InvalidParameter("ExtendedStatistics must hold 1 to 10 percentiles.");
        }

        if (extended.Find(s => MetricStatisticNames.Percentile(s) is null) is { } bad)
        {
            throw CloudWatchException.InvalidParameter($"The extended statistic {bad} is not supported: use a percentile p0.0 to p100.");
        }

        CheckDatapoints(from, to, period);
        var datapoints = new JsonArray();
        var periods = MetricPeriods.Read(stores, ns, name, RequiredDimensions(input["Dimensions"]), from, to, period, out var unit);
        if (unit is not null && UnitMatches(unit, input))
        {
            foreach (var (start, stats) in periods)
            {
                var datapoint = new JsonObject { ["Timestamp"] = JsonValue.Create(start) };
                foreach (var statistic in statistics)
                {
                    datapoint[statistic] = stats.Get(statistic);
                }

                if (extended.Count > 0)
                {
                    var percentiles = new JsonObject();
                    foreach (var statistic in extended)
                    {
                        if (Percentile(stats, statistic) is { } value)
                        {
                            percentiles[statistic] = value;
                        }
                    }

                    datapoint["ExtendedStatistics"] = percentiles;
                }

                datapoint["Unit"] = unit;
                datapoints.Add(datapoint);
            }
        }

        return new JsonObject { ["Label"] = name, ["Datapoints"] = datapoints };
    }

    /// <summary>A statistic of a period: from the distribution, or exact when every sample had the same value.</summary>
    internal static double? Percentile(MetricStatistics stats, string statistic)
        => stats.Get(statistic) ?? (stats.Minimum.Equals(stats.Maximum) && MetricStatisticNames.Percentile(statistic) is not null ? stats.Minimum : null);

    private static JsonObject ListMetrics(IReadOnlyList<MetricStore> stores, JsonObject input)
    {
        var ns = String(input["Namespace"]);
        var name = String(input["MetricName"]);
        var filters = Dimensions(input["Dimensions"]);
        var seen = new HashSet<(string, string, MetricDimensions)>();
        var found = new List<(string Namespace, string Name, MetricDimensions Dimensions)>();
        foreach (var store in stores)
        {
            foreach (var table in store.Tables(ns))
            {
                if (name is not null && table.Name != name)
                {
                    continue;
                }

                foreach (var (dimensions, _) in table.All())
                {
                    if (filters.TrueForAll(f => dimensions.Find(f.Key) is { } value && (f.Value is null || f.Value == value))
                        && seen.Add((table.Namespace, table.Name, dimensions)))
                    {
                        found.Add((table.Namespace, table.Name, dimensions));
                    }
                }
            }
        }

        var metrics = new JsonArray();
        foreach (var (metricNs, metricName, dimensions) in found.OrderBy(m => m.Namespace, StringComparer.Ordinal).ThenBy(m => m.Name, StringComparer.Ordinal))
        {
            var list = new JsonArray();
            foreach (var (dimension, value) in dimensions.All())
            {
                list.Add(new JsonObject { ["Name"] = dimension, ["Value"] = value });
            }

            metrics.Add(new JsonObject { ["Namespace"] = metricNs, ["MetricName"] = metricName, ["Dimensions"] = list });
        }

        return new JsonObject { ["Metrics"] = metrics };
    }

    internal static List<KeyValuePair<string, string>> RequiredDimensions(JsonNode? node)
    {
        var dimensions = new List<KeyValuePair<string, string>>();
        foreach (var (key, value) in Dimensions(node))
        {
            dimensions.Add(new(key, value ?? throw CloudWatchException.Missing("Dimensions.member.Value")));
        }

        return dimensions;
    }

    internal static bool UnitMatches(string unit, JsonObject input) => String(input["Unit"]) is not { } wanted || wanted == unit;

    internal static (DateTimeOffset From, DateTimeOffset To) Window(JsonObject input)
    {
        var from = Time(input, "StartTime");
        var to = Time(input, "EndTime");
        if (to <= from)
        {
            throw CloudWatchException.InvalidParameter("The parameter StartTime must be less than the parameter EndTime.");
        }

        return (from, to);
    }

    internal static int Period(long seconds)
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
}
