namespace Orleans.Kinesis.Client.Firehose;

public sealed record ListDeliveryStreamsRequest
{
    public int? Limit { get; init; }

    public string? DeliveryStreamType { get; init; }

    public string? ExclusiveStartDeliveryStreamName { get; init; }
}
