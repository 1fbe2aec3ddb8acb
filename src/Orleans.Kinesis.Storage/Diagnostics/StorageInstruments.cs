using System.Diagnostics.Metrics;

namespace Orleans.Kinesis.Storage.Diagnostics;

/// <summary>The storage meter and its instruments.</summary>
internal sealed class StorageInstruments
{
    public const string MeterName = "Orleans.Kinesis.Storage";
    public const string AppendedRecordsName = "orleans.kinesis.storage.log.appended_records";
    public const string FlushesName = "orleans.kinesis.storage.log.flushes";
    public const string FlushDurationName = "orleans.kinesis.storage.log.flush.duration";
    public const string BytesWrittenName = "orleans.kinesis.storage.log.bytes_written";

    /// <summary>
    /// Buckets of the flush duration, from 50 µs to 10 s: a local fdatasync takes about 0.1 ms and a blob append tens
    /// of ms. Without them the exporters' defaults (0, 5, 10, 25 … for milliseconds) put every flush in the 5 s bucket.
    /// </summary>
    public static readonly IReadOnlyList<double> FlushDurationBuckets =
        [0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    public StorageInstruments(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        AppendedRecords = meter.CreateCounter<long>(AppendedRecordsName, "{record}", "Records appended to shard logs.");
        Flushes = meter.CreateCounter<long>(FlushesName, "{flush}", "Writes of coalesced appends flushed to stable storage.");
        FlushDuration = meter.CreateHistogram(
            FlushDurationName, "s", "Time to write and flush one batch of appends.", tags: null,
            new InstrumentAdvice<double> { HistogramBucketBoundaries = FlushDurationBuckets });
        BytesWritten = meter.CreateCounter<long>(BytesWrittenName, "By", "Bytes written to log segments.");
    }

    public Counter<long> AppendedRecords { get; }

    public Counter<long> Flushes { get; }

    public Histogram<double> FlushDuration { get; }

    public Counter<long> BytesWritten { get; }
}
