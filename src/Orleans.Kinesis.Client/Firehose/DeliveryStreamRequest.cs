namespace Orleans.Kinesis.Client.Firehose;

/// <summary>The request of StopDeliveryStreamEncryption.</summary>
public sealed record DeliveryStreamRequest
{
    public required string DeliveryStreamName { get; init; }
}
