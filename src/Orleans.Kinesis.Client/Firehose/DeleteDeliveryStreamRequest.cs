namespace Orleans.Kinesis.Client.Firehose;

public sealed record DeleteDeliveryStreamRequest
{
    public required string DeliveryStreamName { get; init; }

    public bool? AllowForceDelete { get; init; }
}
