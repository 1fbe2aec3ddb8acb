namespace Orleans.Kinesis.Client.Model;

public sealed record UntagResourceRequest
{
    public required string ResourceARN { get; init; }

    public required List<string> TagKeys { get; init; }
}
