namespace Orleans.Kinesis.Gateway.Rest.Metrics;

/// <summary>
/// Where the metrics route reads series from (the CloudWatch-compatible metric store). Without a registered source
/// the route answers 501 MetricsNotAvailableException.
/// </summary>
public interface IMetricSeriesSource
{
    Task<MetricSeries> GetSeriesAsync(MetricQuery query, CancellationToken cancellationToken);
}
