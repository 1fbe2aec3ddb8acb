namespace Orleans.Kinesis.Client.Firehose;

public sealed record DescribeDeliveryStreamRequest
{
    public required string DeliveryStreamName { get; init; }

    public int? Limit { get; init; }

    public string? ExclusiveStartDestinationId { get; init; }
}
