namespace Orleans.Kinesis.Client.Model;

public sealed record StreamDescription
{
    public required string StreamName { get; init; }

    public required string StreamARN { get; init; }

    public required string StreamStatus { get; init; }

    public StreamModeDetails? StreamModeDetails { get; init; }

    public List<Shard> Shards { get; init; } = [];

    public bool HasMoreShards { get; init; }

    public int RetentionPeriodHours { get; init; }

    public DateTimeOffset StreamCreationTimestamp { get; init; }

    public List<EnhancedMetrics>? EnhancedMonitoring { get; init; }

    public string? EncryptionType { get; init; }

    public string? KeyId { get; init; }
}
