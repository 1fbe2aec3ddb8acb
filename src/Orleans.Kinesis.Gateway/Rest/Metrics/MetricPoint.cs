namespace Orleans.Kinesis.Gateway.Rest.Metrics;

/// <summary>The statistics of one period starting at <see cref="T"/>.</summary>
public sealed record MetricPoint(DateTimeOffset T, double Sum, double Average, double Minimum, double Maximum, double SampleCount);
