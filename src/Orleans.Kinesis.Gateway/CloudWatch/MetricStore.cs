using System.Collections.Concurrent;

namespace Orleans.Kinesis.Gateway.CloudWatch;

/// <summary>
/// The 1-minute series of one node, by metric: this node's live ones (<see cref="MetricAggregator"/>) or another
/// node's, read back from its archive.
/// </summary>
internal sealed class MetricStore
{
    private readonly ConcurrentDictionary<(string Namespace, string Name), MetricTable> _tables = new();

    public MetricStore(int minutes) => Minutes = minutes;

    /// <summary>How many 1-minute datapoints a series keeps.</summary>
    public int Minutes { get; }

    /// <summary>The metrics of a namespace (every namespace when null).</summary>
    public IEnumerable<MetricTable> Tables(string? @namespace)
    {
        foreach (var table in _tables.Values)
        {
            if (@namespace is null || table.Namespace == @namespace)
            {
                yield return table;
            }
        }
    }

    public MetricTable? Find(string @namespace, string name) => _tables.TryGetValue((@namespace, name), out var table) ? table : null;

    public MetricTable GetOrAdd(string @namespace, string name, string unit)
        => _tables.GetOrAdd((@namespace, name), static (key, state) => new MetricTable(key.Namespace, key.Name, state.Unit, state.Minutes), (Unit: unit, Minutes));

    /// <summary>Forgets the series with no sample since <paramref name="oldestMinute"/>.</summary>
    public void Expire(long oldestMinute)
    {
        foreach (var table in _tables.Values)
        {
            table.Expire(oldestMinute);
        }
    }
}
