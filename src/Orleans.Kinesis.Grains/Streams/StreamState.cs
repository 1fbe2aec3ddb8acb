namespace Orleans.Kinesis.Grains.Streams;

/// <summary>The persisted metadata of a stream (small; records live in the shard logs).</summary>
public sealed class StreamState
{
    public string Name { get; set; } = string.Empty;

    public string Status { get; set; } = string.Empty;

    public string Mode { get; set; } = string.Empty;

    public long CreatedTimeMs { get; set; }

    public int RetentionPeriodHours { get; set; } = 24;

    public int MaxRecordSizeKiB { get; set; } = 1024;

    public string EncryptionType { get; set; } = "NONE";

    public string? KeyId { get; set; }

    public List<ShardRecord> Shards { get; set; } = [];

    public Dictionary<string, string> Tags { get; set; } = new(StringComparer.Ordinal);

    public List<string> ShardLevelMetrics { get; set; } = [];

    public long Version { get; set; }
}
