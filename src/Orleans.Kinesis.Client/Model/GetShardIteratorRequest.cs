namespace Orleans.Kinesis.Client.Model;

public sealed record GetShardIteratorRequest : StreamRequest
{
    public required string ShardId { get; init; }

    /// <summary>See <see cref="ShardIteratorTypes"/>.</summary>
    public required string ShardIteratorType { get; init; }

    public string? StartingSequenceNumber { get; init; }

    public DateTimeOffset? Timestamp { get; init; }
}
