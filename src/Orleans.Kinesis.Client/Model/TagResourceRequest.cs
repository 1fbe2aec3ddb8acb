namespace Orleans.Kinesis.Client.Model;

public sealed record TagResourceRequest
{
    public required string ResourceARN { get; init; }

    public required Dictionary<string, string> Tags { get; init; }
}
