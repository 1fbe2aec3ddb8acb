using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Orleans.Kinesis.Grains.Firehose;

/// <summary>
/// The delivery side of the <c>AWS/Firehose</c> metrics (spec/metrics.md §2.2, §2.4, §2.5) on the
/// <c>Orleans.Kinesis.Firehose</c> meter (the gateway records the ingestion side on the same meter).
/// Dimension: <c>DeliveryStreamName</c>. One sample per delivered object, processor call or source pull.
/// </summary>
public sealed class DeliveryInstruments
{
    public const string MeterName = "Orleans.Kinesis.Firehose";
    public const string Prefix = "aws.firehose.";
    public const string DeliveryStreamName = "DeliveryStreamName";

    private readonly Histogram<long> _s3Bytes;
    private readonly Histogram<long> _s3Records;
    private readonly Histogram<long> _s3Success;
    private readonly Histogram<double> _s3Freshness;
    private readonly Histogram<long> _s3Objects;
    private readonly Histogram<double> _processingDuration;
    private readonly Histogram<long> _processingSuccess;
    private readonly Histogram<long> _processedRecords;
    private readonly Histogram<long> _processedBytes;
    private readonly Histogram<long> _sourceBytes;
    private readonly Histogram<long> _sourceRecords;

    public DeliveryInstruments(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _s3Bytes = meter.CreateHistogram<long>(Prefix + "DeliveryToS3.Bytes", "By", "Bytes delivered to the bucket by one object.");
        _s3Records = meter.CreateHistogram<long>(Prefix + "DeliveryToS3.Records", "{count}", "Records delivered to the bucket by one object.");
        _s3Success = meter.CreateHistogram<long>(Prefix + "DeliveryToS3.Success", "1", "1 per delivery that stored its objects, 0 per failed one.");
        _s3Freshness = meter.CreateHistogram<double>(Prefix + "DeliveryToS3.DataFreshness", "s", "Age of the oldest record not yet delivered.");
        _s3Objects = meter.CreateHistogram<long>(Prefix + "DeliveryToS3.ObjectCount", "{count}", "Objects written by one delivery.");
        _processingDuration = meter.CreateHistogram<double>(Prefix + "ExecuteProcessing.Duration", "ms", "Time of one processor (Lambda) call.");
        _processingSuccess = meter.CreateHistogram<long>(Prefix + "ExecuteProcessing.Success", "1", "1 per successful processor call, 0 per failed one.");
        _processedRecords = meter.CreateHistogram<long>(Prefix + "SucceedProcessing.Records", "{count}", "Records processed successfully by one call.");
        _processedBytes = meter.CreateHistogram<long>(Prefix + "SucceedProcessing.Bytes", "By", "Bytes processed successfully by one call.");
        _sourceBytes = meter.CreateHistogram<long>(Prefix + "DataReadFromKinesisStream.Bytes", "By", "Bytes read from the source stream by one pull.");
        _sourceRecords = meter.CreateHistogram<long>(Prefix + "DataReadFromKinesisStream.Records", "{count}", "Records read from the source stream by one pull.");
    }

    public void Delivered(string deliveryStream, long bytes, long records, int objects, double freshnessSeconds)
    {
        if (!_s3Success.Enabled)
        {
            return;
        }

        var tags = new TagList { { DeliveryStreamName, deliveryStream } };
        _s3Bytes.Record(bytes, tags);
        _s3Records.Record(records, tags);
        _s3Objects.Record(objects, tags);
        _s3Success.Record(1, tags);
        _s3Freshness.Record(freshnessSeconds, tags);
    }

    public void DeliveryFailed(string deliveryStream, double freshnessSeconds)
    {
        if (!_s3Success.Enabled)
        {
            return;
        }

        var tags = new TagList { { DeliveryStreamName, deliveryStream } };
        _s3Success.Record(0, tags);
        _s3Freshness.Record(freshnessSeconds, tags);
    }

    public void Processed(string deliveryStream, double milliseconds, bool success, long records, long bytes)
    {
        if (!_processingSuccess.Enabled)
        {
            return;
        }

        var tags = new TagList { { DeliveryStreamName, deliveryStream } };
        _processingDuration.Record(milliseconds, tags);
        _processingSuccess.Record(success ? 1 : 0, tags);
        if (success)
        {
            _processedRecords.Record(records, tags);
            _processedBytes.Record(bytes, tags);
        }
    }

    public void ReadFromSource(string deliveryStream, long records, long bytes)
    {
        if (records == 0 || !_sourceRecords.Enabled)
        {
            return;
        }

        var tags = new TagList { { DeliveryStreamName, deliveryStream } };
        _sourceBytes.Record(bytes, tags);
        _sourceRecords.Record(records, tags);
    }
}
