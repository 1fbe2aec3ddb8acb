namespace Orleans.Kinesis.Client.Model;

public sealed record ShardFilter
{
    /// <summary><c>AFTER_SHARD_ID</c>, <c>AT_TRIM_HORIZON</c>, <c>FROM_TRIM_HORIZON</c>, <c>AT_LATEST</c>, <c>AT_TIMESTAMP</c> or <c>FROM_TIMESTAMP</c>.</summary>
    public required string Type { get; init; }

    public string? ShardId { get; init; }

    public DateTimeOffset? Timestamp { get; init; }
}
