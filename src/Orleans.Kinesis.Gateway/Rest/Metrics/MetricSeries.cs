namespace Orleans.Kinesis.Gateway.Rest.Metrics;

/// <summary>A metric's data points, oldest first, one per period that has data.</summary>
public sealed record MetricSeries(
    string Namespace,
    string Metric,
    IReadOnlyDictionary<string, string> Dimensions,
    int PeriodSeconds,
    IReadOnlyList<MetricPoint> Points);
