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

    public StorageInstruments(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        AppendedRecords = meter.CreateCounter<long>(AppendedRecordsName, "{record}", "Records appended to shard logs.");
        Flushes = meter.CreateCounter<long>(FlushesName, "{flush}", "Writes of coalesced appends flushed to stable storage.");
        FlushDuration = meter.CreateHistogram<double>(FlushDurationName, "s", "Time to write and flush one batch of appends.");
        BytesWritten = meter.CreateCounter<long>(BytesWrittenName, "By", "Bytes written to log segments.");
    }

    public Counter<long> AppendedRecords { get; }

    public Counter<long> Flushes { get; }

    public Histogram<double> FlushDuration { get; }

    public Counter<long> BytesWritten { get; }
}
