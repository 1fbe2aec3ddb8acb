namespace Orleans.Kinesis.Client.Model;

/// <summary>The request of ListTagsForResource, GetResourcePolicy and DeleteResourcePolicy.</summary>
public sealed record ResourceRequest
{
    public required string ResourceARN { get; init; }
}
