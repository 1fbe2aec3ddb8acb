namespace Orleans.Kinesis.Client.Firehose;

public sealed record PutRecordBatchRequest
{
    public required string DeliveryStreamName { get; init; }

    public required List<FirehoseRecord> Records { get; init; }
}
