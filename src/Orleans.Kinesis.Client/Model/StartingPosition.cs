namespace Orleans.Kinesis.Client.Model;

public sealed record StartingPosition
{
    /// <summary>See <see cref="ShardIteratorTypes"/>.</summary>
    public required string Type { get; init; }

    public string? SequenceNumber { get; init; }

    public DateTimeOffset? Timestamp { get; init; }
}
