namespace Orleans.Kinesis.Client.Firehose;

public sealed record ListTagsForDeliveryStreamResponse
{
    public List<Model.Tag> Tags { get; init; } = [];

    public bool HasMoreTags { get; init; }
}
