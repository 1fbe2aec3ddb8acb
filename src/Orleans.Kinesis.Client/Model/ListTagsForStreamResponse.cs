namespace Orleans.Kinesis.Client.Model;

public sealed record ListTagsForStreamResponse
{
    public List<Tag> Tags { get; init; } = [];

    public bool HasMoreTags { get; init; }
}
