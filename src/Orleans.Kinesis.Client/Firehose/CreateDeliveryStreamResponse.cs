namespace Orleans.Kinesis.Client.Firehose;

public sealed record CreateDeliveryStreamResponse
{
    public string? DeliveryStreamARN { get; init; }
}
