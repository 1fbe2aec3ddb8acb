namespace Orleans.Kinesis.Gateway.Rest.Metrics;

/// <summary>A series request: a CloudWatch namespace, metric name and dimensions, aggregated per period over [start, end).</summary>
public sealed record MetricQuery(
    string Namespace,
    string Metric,
    IReadOnlyDictionary<string, string> Dimensions,
    DateTimeOffset Start,
    DateTimeOffset End,
    int PeriodSeconds);
