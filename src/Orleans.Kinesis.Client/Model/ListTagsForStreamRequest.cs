namespace Orleans.Kinesis.Client.Model;

public sealed record ListTagsForStreamRequest : StreamRequest
{
    public string? ExclusiveStartTagKey { get; init; }

    public int? Limit { get; init; }
}
