namespace Orleans.Kinesis.Client.Firehose;

public sealed record FirehosePutRecordRequest
{
    public required string DeliveryStreamName { get; init; }

    public required FirehoseRecord Record { get; init; }
}
