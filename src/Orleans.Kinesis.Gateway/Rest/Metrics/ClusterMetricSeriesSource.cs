using Microsoft.Extensions.Options;
using Orleans.Kinesis.Gateway.CloudWatch;

namespace Orleans.Kinesis.Gateway.Rest.Metrics;

/// <summary>
/// The metrics route's series from the CloudWatch-compatible store of the whole cluster (<see cref="ClusterMetrics"/>):
/// the same figures GetMetricStatistics answers. With metrics off the route answers 501 MetricsNotAvailableException.
/// </summary>
public sealed class ClusterMetricSeriesSource : IMetricSeriesSource
{
    private readonly ClusterMetrics _cluster;
    private readonly MetricsOptions _options;

    public ClusterMetricSeriesSource(ClusterMetrics cluster, IOptions<MetricsOptions> options)
    {
        _cluster = cluster;
        _options = options.Value;
    }

    public async Task<MetricSeries> GetSeriesAsync(MetricQuery query, CancellationToken cancellationToken)
    {
        if (!_options.Enabled)
        {
            throw RestErrors.NoMetrics();
        }

        var stores = await _cluster.StoresAsync(cancellationToken);
        var periods = MetricPeriods.Read(stores, query.Namespace, query.Metric, [.. query.Dimensions], query.Start, query.End, query.PeriodSeconds / 60, out _);
        var points = new List<MetricPoint>(periods.Count);
        foreach (var (start, stats) in periods)
        {
            points.Add(new MetricPoint(start, stats.Sum, stats.Average, stats.Minimum, stats.Maximum, stats.SampleCount));
        }

        return new MetricSeries(query.Namespace, query.Metric, query.Dimensions, query.PeriodSeconds, points);
    }
}
