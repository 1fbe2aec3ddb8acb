namespace Orleans.Kinesis.Client.Model;

public sealed record ListTagsForResourceResponse
{
    public List<Tag> Tags { get; init; } = [];
}
