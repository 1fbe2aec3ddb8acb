namespace Orleans.Kinesis.Client.Firehose;

public sealed record TagDeliveryStreamRequest
{
    public required string DeliveryStreamName { get; init; }

    public required List<Model.Tag> Tags { get; init; }
}
