using System.Collections.Concurrent;

namespace Orleans.Kinesis.Gateway.CloudWatch;

/// <summary>Every series of one metric (namespace and name), by dimensions.</summary>
internal sealed class MetricTable
{
    private readonly ConcurrentDictionary<MetricDimensions, MetricSeries> _series = new();
    private readonly Func<MetricDimensions, MetricSeries> _create;

    public MetricTable(string @namespace, string name, string unit, int minutes)
    {
        Namespace = @namespace;
        Name = name;
        Unit = unit;
        Percentiles = unit is "Milliseconds" or "Seconds";
        _create = _ => new MetricSeries(minutes, Percentiles);
    }

    public string Namespace { get; }

    public string Name { get; }

    /// <summary>The CloudWatch unit of every datapoint.</summary>
    public string Unit { get; }

    /// <summary>Whether the series keep the distributions percentiles are read from (time metrics).</summary>
    public bool Percentiles { get; }

    public MetricSeries Series(in MetricDimensions dimensions)
        => _series.TryGetValue(dimensions, out var series) ? series : _series.GetOrAdd(dimensions, _create);

    public MetricSeries? Find(IReadOnlyList<KeyValuePair<string, string>> dimensions)
    {
        foreach (var (key, series) in _series)
        {
            if (key.EqualsSet(dimensions))
            {
                return series;
            }
        }

        return null;
    }

    public IEnumerable<KeyValuePair<MetricDimensions, MetricSeries>> All() => _series;

    /// <summary>Drops the series with no sample since <paramref name="oldestMinute"/>.</summary>
    public void Expire(long oldestMinute)
    {
        foreach (var (key, series) in _series)
        {
            if (series.LastMinute < oldestMinute)
            {
                _series.TryRemove(key, out _);
            }
        }
    }
}
