using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Orleans.Kinesis.Gateway.Diagnostics;

/// <summary>
/// The ingestion side of the <c>AWS/Firehose</c> metrics (spec/metrics.md §2.1, §2.3) on the
/// <c>Orleans.Kinesis.Firehose</c> meter, recorded where a call is answered. Dimension: <c>DeliveryStreamName</c>.
/// This server enforces no ingest quota on delivery streams, so <c>ThrottledRecords</c> is 0 for every put (a
/// series an alarm can watch) and the <c>…PerSecondLimit</c> metrics are not published.
/// </summary>
public sealed class FirehoseInstruments
{
    public const string MeterName = "Orleans.Kinesis.Firehose";
    public const string Namespace = "AWS/Firehose";
    public const string Prefix = "aws.firehose.";
    public const string DeliveryStreamName = "DeliveryStreamName";

    private readonly Histogram<long> _incomingBytes;
    private readonly Histogram<long> _incomingRecords;
    private readonly Histogram<long> _incomingPutRequests;
    private readonly Histogram<long> _putRecordBytes;
    private readonly Histogram<double> _putRecordLatency;
    private readonly Histogram<long> _putRecordRequests;
    private readonly Histogram<long> _batchBytes;
    private readonly Histogram<double> _batchLatency;
    private readonly Histogram<long> _batchRecords;
    private readonly Histogram<long> _batchRequests;
    private readonly Histogram<long> _throttledRecords;
    private readonly Histogram<double> _describeLatency;
    private readonly Histogram<long> _describeRequests;
    private readonly Histogram<double> _updateLatency;
    private readonly Histogram<long> _updateRequests;
    private readonly TimeProvider _time;

    public FirehoseInstruments(IMeterFactory meterFactory, TimeProvider time)
    {
        _time = time;
        var meter = meterFactory.Create(MeterName);
        _incomingBytes = meter.CreateHistogram<long>(Prefix + "IncomingBytes", MetricUnits.Bytes, "Bytes ingested by one put.");
        _incomingRecords = meter.CreateHistogram<long>(Prefix + "IncomingRecords", MetricUnits.Count, "Records ingested by one put.");
        _incomingPutRequests = meter.CreateHistogram<long>(Prefix + "IncomingPutRequests", MetricUnits.Count, "1 per successful PutRecord or PutRecordBatch.");
        _putRecordBytes = meter.CreateHistogram<long>(Prefix + "PutRecord.Bytes", MetricUnits.Bytes, "Bytes put with PutRecord.");
        _putRecordLatency = meter.CreateHistogram<double>(Prefix + "PutRecord.Latency", MetricUnits.Milliseconds, "Time per PutRecord.");
        _putRecordRequests = meter.CreateHistogram<long>(Prefix + "PutRecord.Requests", MetricUnits.Count, "1 per PutRecord.");
        _batchBytes = meter.CreateHistogram<long>(Prefix + "PutRecordBatch.Bytes", MetricUnits.Bytes, "Bytes put with PutRecordBatch.");
        _batchLatency = meter.CreateHistogram<double>(Prefix + "PutRecordBatch.Latency", MetricUnits.Milliseconds, "Time per PutRecordBatch.");
        _batchRecords = meter.CreateHistogram<long>(Prefix + "PutRecordBatch.Records", MetricUnits.Count, "Records put by one PutRecordBatch.");
        _batchRequests = meter.CreateHistogram<long>(Prefix + "PutRecordBatch.Requests", MetricUnits.Count, "1 per PutRecordBatch.");
        _throttledRecords = meter.CreateHistogram<long>(Prefix + "ThrottledRecords", MetricUnits.Count, "Records of one put throttled by an ingest quota.");
        _describeLatency = meter.CreateHistogram<double>(Prefix + "DescribeDeliveryStream.Latency", MetricUnits.Milliseconds, "Time per DescribeDeliveryStream.");
        _describeRequests = meter.CreateHistogram<long>(Prefix + "DescribeDeliveryStream.Requests", MetricUnits.Count, "1 per DescribeDeliveryStream.");
        _updateLatency = meter.CreateHistogram<double>(Prefix + "UpdateDeliveryStream.Latency", MetricUnits.Milliseconds, "Time per UpdateDestination.");
        _updateRequests = meter.CreateHistogram<long>(Prefix + "UpdateDeliveryStream.Requests", MetricUnits.Count, "1 per UpdateDestination.");
    }

    public long Start() => _time.GetTimestamp();

    /// <summary>Records an accepted PutRecord (<paramref name="batch"/> false) or PutRecordBatch.</summary>
    public void Put(string deliveryStream, bool batch, int records, long bytes, long started)
    {
        GatewayActivities.TagStream(deliveryStream);
        if (!_incomingRecords.Enabled)
        {
            return;
        }

        var tags = new TagList { { DeliveryStreamName, deliveryStream } };
        var latency = _time.GetElapsedTime(started).TotalMilliseconds;
        _incomingBytes.Record(bytes, tags);
        _incomingRecords.Record(records, tags);
        _incomingPutRequests.Record(1, tags);
        _throttledRecords.Record(0, tags);
        if (batch)
        {
            _batchBytes.Record(bytes, tags);
            _batchLatency.Record(latency, tags);
            _batchRecords.Record(records, tags);
            _batchRequests.Record(1, tags);
        }
        else
        {
            _putRecordBytes.Record(bytes, tags);
            _putRecordLatency.Record(latency, tags);
            _putRecordRequests.Record(1, tags);
        }
    }

    /// <summary>Records an answered DescribeDeliveryStream (<paramref name="update"/> false) or UpdateDestination.</summary>
    public void Control(string deliveryStream, bool update, long started)
    {
        if (!_describeRequests.Enabled && !_updateRequests.Enabled)
        {
            return;
        }

        var tags = new TagList { { DeliveryStreamName, deliveryStream } };
        var latency = _time.GetElapsedTime(started).TotalMilliseconds;
        (update ? _updateLatency : _describeLatency).Record(latency, tags);
        (update ? _updateRequests : _describeRequests).Record(1, tags);
    }
}
