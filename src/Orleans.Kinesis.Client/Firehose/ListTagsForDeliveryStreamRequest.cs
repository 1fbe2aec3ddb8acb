namespace Orleans.Kinesis.Client.Firehose;

public sealed record ListTagsForDeliveryStreamRequest
{
    public required string DeliveryStreamName { get; init; }

    public string? ExclusiveStartTagKey { get; init; }

    public int? Limit { get; init; }
}
