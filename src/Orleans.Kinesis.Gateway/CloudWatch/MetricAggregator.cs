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

    private readonly TimeProvider _time;
    private readonly IMeterFactory _meters;
    private MeterListener? _listener;

    public MetricAggregator(IOptions<MetricsOptions> options, TimeProvider time, IMeterFactory meters)
    {
        _time = time;
        _meters = meters;
        Store = new MetricStore(Math.Max(2, (int)Math.Ceiling(options.Value.Retention.TotalMinutes)));
    }

    /// <summary>How many 1-minute datapoints a series keeps.</summary>
    public int RetentionMinutes => Store.Minutes;

    /// <summary>This node's series.</summary>
    internal MetricStore Store { get; }

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

    /// <summary>Forgets the series with no sample in the retention window.</summary>
    public void Expire() => Store.Expire(CurrentMinute - Store.Minutes);

    private Recorder Table(string @namespace, string name, string unit) => new(this, Store.GetOrAdd(@namespace, name, unit));

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
