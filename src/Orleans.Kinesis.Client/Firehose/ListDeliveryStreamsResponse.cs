namespace Orleans.Kinesis.Client.Firehose;

public sealed record ListDeliveryStreamsResponse
{
    public List<string> DeliveryStreamNames { get; init; } = [];

    public bool HasMoreDeliveryStreams { get; init; }
}
