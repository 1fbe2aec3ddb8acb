using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Orleans.Kinesis.Client.Producer;

/// <summary>The producer's meter <c>Orleans.Kinesis.Client.Producer</c>, with the KPL's metric names (spec a.6).</summary>
internal sealed class ProducerInstruments : IDisposable
{
    public const string MeterName = "Orleans.Kinesis.Client.Producer";

    private readonly Meter _meter;

    public ProducerInstruments(IMeterFactory? meterFactory)
    {
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        UserRecordsReceived = _meter.CreateCounter<long>("UserRecordsReceived", "{record}", "User records accepted by AddUserRecordAsync.");
        UserRecordsPut = _meter.CreateCounter<long>("UserRecordsPut", "{record}", "User records put successfully.");
        KinesisRecordsPut = _meter.CreateCounter<long>("KinesisRecordsPut", "{record}", "Kinesis records (aggregates or single user records) put successfully.");
        UserRecordsPerKinesisRecord = _meter.CreateHistogram<long>("UserRecordsPerKinesisRecord", "{record}", "Aggregation ratio of each Kinesis record put.");
        KinesisRecordsPerPutRecordsRequest = _meter.CreateHistogram<long>("KinesisRecordsPerPutRecordsRequest", "{record}", "Kinesis records in each PutRecords call.");
        RetriesPerRecord = _meter.CreateHistogram<long>("RetriesPerRecord", "{retry}", "Retries a user record needed before it completed.");
        BufferingTime = _meter.CreateHistogram<double>("BufferingTime", "ms", "Time from arrival of a user record to its first send.");
        ErrorsByCode = _meter.CreateCounter<long>("ErrorsByCode", "{error}", "Failed attempts by error code.");
        UserRecordExpired = _meter.CreateCounter<long>("UserRecordExpired", "{record}", "User records that expired after RecordTtl.");
    }

    public Counter<long> UserRecordsReceived { get; }

    public Counter<long> UserRecordsPut { get; }

    public Counter<long> KinesisRecordsPut { get; }

    public Histogram<long> UserRecordsPerKinesisRecord { get; }

    public Histogram<long> KinesisRecordsPerPutRecordsRequest { get; }

    public Histogram<long> RetriesPerRecord { get; }

    public Histogram<double> BufferingTime { get; }

    public Counter<long> ErrorsByCode { get; }

    public Counter<long> UserRecordExpired { get; }

    public void Error(string code, string stream)
    {
        if (ErrorsByCode.Enabled)
        {
            ErrorsByCode.Add(1, new TagList { { "ErrorCode", code }, { "StreamName", stream } });
        }
    }

    public void Dispose() => _meter.Dispose();
}
