namespace Orleans.Kinesis.Client.Firehose;

public sealed record UntagDeliveryStreamRequest
{
    public required string DeliveryStreamName { get; init; }

    public required List<string> TagKeys { get; init; }
}
