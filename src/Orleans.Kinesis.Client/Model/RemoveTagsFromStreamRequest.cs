namespace Orleans.Kinesis.Client.Model;

public sealed record RemoveTagsFromStreamRequest : StreamRequest
{
    public required List<string> TagKeys { get; init; }
}
