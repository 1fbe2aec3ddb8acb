namespace Orleans.Kinesis.Client.Firehose;

public sealed record DescribeDeliveryStreamResponse
{
    public required DeliveryStreamDescription DeliveryStreamDescription { get; init; }
}
