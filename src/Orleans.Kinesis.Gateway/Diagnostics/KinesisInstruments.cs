using System.Diagnostics.Metrics;

namespace Orleans.Kinesis.Gateway.Diagnostics;

/// <summary>
/// The <c>AWS/Kinesis</c> metrics (spec/metrics.md §1) on the <c>Orleans.Kinesis.Gateway</c> meter. Every instrument is
/// a histogram fed one sample per API call (or pushed event), so Sum, SampleCount, Minimum and Maximum per minute are
/// what CloudWatch reports. Instrument names are the CloudWatch names behind <see cref="Prefix"/>.
/// </summary>
public sealed class KinesisInstruments
{
    public const string MeterName = "Orleans.Kinesis.Gateway";
    public const string Namespace = "AWS/Kinesis";
    public const string Prefix = "aws.kinesis.";

    public KinesisInstruments(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        IncomingBytes = Bytes(meter, "IncomingBytes", "Bytes successfully put by one call.");
        IncomingRecords = Count(meter, "IncomingRecords", "Records successfully put by one call.");
        PutRecordBytes = Bytes(meter, "PutRecord.Bytes", "Bytes put with PutRecord.");
        PutRecordLatency = Millis(meter, "PutRecord.Latency", "Time per PutRecord.");
        PutRecordSuccess = Count(meter, "PutRecord.Success", "1 per successful PutRecord, 0 per failed one.");
        PutRecordsBytes = Bytes(meter, "PutRecords.Bytes", "Bytes put with PutRecords.");
        PutRecordsLatency = Millis(meter, "PutRecords.Latency", "Time per PutRecords.");
        PutRecordsSuccess = Count(meter, "PutRecords.Success", "1 per PutRecords call with at least one record stored.");
        PutRecordsTotalRecords = Count(meter, "PutRecords.TotalRecords", "Records sent in one PutRecords call.");
        PutRecordsSuccessfulRecords = Count(meter, "PutRecords.SuccessfulRecords", "Records stored by one PutRecords call.");
        PutRecordsFailedRecords = Count(meter, "PutRecords.FailedRecords", "Records of one PutRecords call rejected by internal failures.");
        PutRecordsThrottledRecords = Count(meter, "PutRecords.ThrottledRecords", "Records of one PutRecords call rejected by throttling.");
        GetRecordsBytes = Bytes(meter, "GetRecords.Bytes", "Bytes returned by one GetRecords.");
        GetRecordsRecords = Count(meter, "GetRecords.Records", "Records returned by one GetRecords.");
        GetRecordsLatency = Millis(meter, "GetRecords.Latency", "Time per GetRecords.");
        GetRecordsSuccess = Count(meter, "GetRecords.Success", "1 per successful GetRecords.");
        GetRecordsIteratorAge = Millis(meter, "GetRecords.IteratorAgeMilliseconds", "Now minus the arrival time of the last record returned.");
        ReadThroughputExceeded = Count(meter, "ReadProvisionedThroughputExceeded", "1 per throttled GetRecords, 0 per admitted one.");
        WriteThroughputExceeded = Count(meter, "WriteProvisionedThroughputExceeded", "Records of one put call rejected by throttling.");
        SubscribeRateExceeded = Count(meter, "SubscribeToShard.RateExceeded", "1 per refused SubscribeToShard.");
        SubscribeSuccess = Count(meter, "SubscribeToShard.Success", "1 per established subscription.");
        EventBytes = Bytes(meter, "SubscribeToShardEvent.Bytes", "Bytes in one pushed event.");
        EventRecords = Count(meter, "SubscribeToShardEvent.Records", "Records in one pushed event.");
        EventMillisBehindLatest = Millis(meter, "SubscribeToShardEvent.MillisBehindLatest", "How far one pushed event is behind the tip.");
        EventSuccess = Count(meter, "SubscribeToShardEvent.Success", "1 per published event.");
        OutgoingBytes = Bytes(meter, "OutgoingBytes", "Bytes returned or pushed from one shard (enhanced monitoring).");
        OutgoingRecords = Count(meter, "OutgoingRecords", "Records returned or pushed from one shard (enhanced monitoring).");
        IteratorAge = Millis(meter, "IteratorAgeMilliseconds", "Iterator age of one read of one shard (enhanced monitoring).");
    }

    public Histogram<long> IncomingBytes { get; }
    public Histogram<long> IncomingRecords { get; }
    public Histogram<long> PutRecordBytes { get; }
    public Histogram<double> PutRecordLatency { get; }
    public Histogram<long> PutRecordSuccess { get; }
    public Histogram<long> PutRecordsBytes { get; }
    public Histogram<double> PutRecordsLatency { get; }
    public Histogram<long> PutRecordsSuccess { get; }
    public Histogram<long> PutRecordsTotalRecords { get; }
    public Histogram<long> PutRecordsSuccessfulRecords { get; }
    public Histogram<long> PutRecordsFailedRecords { get; }
    public Histogram<long> PutRecordsThrottledRecords { get; }
    public Histogram<long> GetRecordsBytes { get; }
    public Histogram<long> GetRecordsRecords { get; }
    public Histogram<double> GetRecordsLatency { get; }
    public Histogram<long> GetRecordsSuccess { get; }
    public Histogram<double> GetRecordsIteratorAge { get; }
    public Histogram<long> ReadThroughputExceeded { get; }
    public Histogram<long> WriteThroughputExceeded { get; }
    public Histogram<long> SubscribeRateExceeded { get; }
    public Histogram<long> SubscribeSuccess { get; }
    public Histogram<long> EventBytes { get; }
    public Histogram<long> EventRecords { get; }
    public Histogram<double> EventMillisBehindLatest { get; }
    public Histogram<long> EventSuccess { get; }
    public Histogram<long> OutgoingBytes { get; }
    public Histogram<long> OutgoingRecords { get; }
    public Histogram<double> IteratorAge { get; }

    internal static Histogram<long> Bytes(Meter meter, string name, string description)
        => meter.CreateHistogram<long>(Prefix + name, MetricUnits.Bytes, description);

    internal static Histogram<long> Count(Meter meter, string name, string description)
        => meter.CreateHistogram<long>(Prefix + name, MetricUnits.Count, description);

    internal static Histogram<double> Millis(Meter meter, string name, string description)
        => meter.CreateHistogram<double>(Prefix + name, MetricUnits.Milliseconds, description);
}
