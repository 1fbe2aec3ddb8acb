namespace Orleans.Kinesis.Client.Model;

public sealed record AddTagsToStreamRequest : StreamRequest
{
    public required Dictionary<string, string> Tags { get; init; }
}
