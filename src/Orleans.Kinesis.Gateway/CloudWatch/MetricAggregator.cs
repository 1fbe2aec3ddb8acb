using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using Orleans.Kinesis.Gateway.Diagnostics;

namespace Orleans.Kinesis.Gateway.CloudWatch;

/// <summary>
/// This node's CloudWatch view of its own metrics: a <see cref="MeterListener"/> on the product meters that folds each
/// sample into the 1-minute cell of its series (namespace, metric name, dimensions), for the retention window.
/// A sample costs a dictionary lookup on a value-type key and a few interlocked operations; nothing is allocated
/// once a series exists.
/// </summary>
public sealed class MetricAggregator : IDisposable
{
    private static readonly Dictionary<string, (string Namespace, string Prefix)> Meters = new(StringComparer.Ordinal)
    {
        [KinesisInstruments.MeterName] = (KinesisInstruments.Namespace, KinesisInstruments.Prefix),
        [FirehoseInstruments.MeterName] = (FirehoseInstruments.Namespace, FirehoseInstruments.Prefix),
    };

    private readonly ConcurrentDictionary<(string Namespace, string Name), MetricTable> _tables = new();
    private readonly TimeProvider _time;
    private readonly IMeterFactory _meters;
    private readonly int _minutes;
    private MeterListener? _listener;

    public MetricAggregator(IOptions<MetricsOptions> options, TimeProvider time, IMeterFactory meters)
    {
        _time = time;
        _meters = meters;
        _minutes = Math.Max(2, (int)Math.Ceiling(options.Value.Retention.TotalMinutes));
    }

    /// <summary>How many 1-minute datapoints a series keeps.</summary>
    public int RetentionMinutes => _minutes;

    /// <summary>The current minute (minutes since the Unix epoch) on the injected clock.</summary>
    public long CurrentMinute => _time.GetUtcNow().ToUnixTimeMilliseconds() / 60_000;

    /// <summary>Starts listening; instruments created before or after are both picked up.</summary>
    public void Start()
    {
        if (_listener is not null)
        {
            return;
        }

        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                // Only this host's meters (their scope is its factory): other hosts in the process have their own.
                if (ReferenceEquals(instrument.Meter.Scope, _meters) && Meters.TryGetValue(instrument.Meter.Name, out var area)
                    && instrument.Name.StartsWith(area.Prefix, StringComparison.Ordinal))
                {
                    listener.EnableMeasurementEvents(instrument, Table(area.Namespace, instrument.Name[area.Prefix.Length..], MetricUnits.CloudWatchUnit(instrument.Unit)));
                }
            },
        };
        listener.SetMeasurementEventCallback<long>(static (instrument, value, tags, state) => ((Recorder)state!).Add(tags, value));
        listener.SetMeasurementEventCallback<double>(static (instrument, value, tags, state) => ((Recorder)state!).Add(tags, value));
        _listener = listener;
        listener.Start();
    }

    public void Dispose() => _listener?.Dispose();

    /// <summary>The metrics of a namespace (every namespace when null).</summary>
    internal IEnumerable<MetricTable> Tables(string? @namespace)
    {
        foreach (var table in _tables.Values)
        {
            if (@namespace is null || table.Namespace == @namespace)
            {
                yield return table;
            }
        }
    }

    internal MetricTable? Find(string @namespace, string name) => _tables.TryGetValue((@namespace, name), out var table) ? table : null;

    /// <summary>The table of a metric, created for an archive being restored when absent.</summary>
    internal MetricTable GetOrAdd(string @namespace, string name, string unit)
        => _tables.GetOrAdd((@namespace, name), static (key, state) => new MetricTable(key.Namespace, key.Name, state.Unit, state.Minutes), (Unit: unit, Minutes: _minutes));

    /// <summary>Forgets the series with no sample in the retention window.</summary>
    public void Expire()
    {
        var oldest = CurrentMinute - _minutes;
        foreach (var table in _tables.Values)
        {
            table.Expire(oldest);
        }
    }

    private Recorder Table(string @namespace, string name, string unit) => new(this, GetOrAdd(@namespace, name, unit));

    private sealed class Recorder(MetricAggregator owner, MetricTable table)
    {
        public void Add(ReadOnlySpan<KeyValuePair<string, object?>> tags, double value)
        {
            if (tags.Length is 0 or > 2 || tags[0].Value is not string value1)
            {
                return; // every product instrument is tagged with one or two dimensions
            }

            var dimensions = tags.Length == 1
                ? new MetricDimensions(tags[0].Key, value1, null, null)
                : new MetricDimensions(tags[0].Key, value1, tags[1].Key, tags[1].Value as string ?? "");
            table.Series(dimensions).Add(owner.CurrentMinute, value);
        }
    }
}
