namespace Orleans.Kinesis.Client.Model;

/// <summary>A shard's hash range, both ends inclusive, as decimal strings.</summary>
public sealed record HashKeyRange
{
    public required string StartingHashKey { get; init; }

    public required string EndingHashKey { get; init; }
}
