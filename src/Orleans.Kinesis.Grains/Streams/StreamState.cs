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

    /// <summary>Canonical ARNs of every KMS key records were encrypted with; a record names its key by index (slot).</summary>
    public List<string> EncryptionKeys { get; set; } = [];

    /// <summary>The slot new records are encrypted with, or -1 when encryption is off.</summary>
    public int EncryptionKeySlot { get; set; } = -1;

    /// <summary>When encryption was started or stopped (Unix ms), for the 25-per-24-hours limit.</summary>
    public List<long> EncryptionChangesMs { get; set; } = [];

    /// <summary>The warm throughput (MiB/s) requested for an on-demand stream, or null.</summary>
    public int? WarmThroughputMiBps { get; set; }

    public List<ShardRecord> Shards { get; set; } = [];

    public Dictionary<string, string> Tags { get; set; } = new(StringComparer.Ordinal);

    public List<string> ShardLevelMetrics { get; set; } = [];

    /// <summary>When the capacity mode was switched (Unix ms), for the two-per-24-hours limit.</summary>
    public List<long> ModeSwitchesMs { get; set; } = [];

    public List<ConsumerRecord> Consumers { get; set; } = [];

    /// <summary>
    /// The epoch second in the latest ARN of each consumer name registered during the current or a later second, so a
    /// name re-registered within the same second still gets a new ARN. Older entries are pruned.
    /// </summary>
    public Dictionary<string, long> RecentConsumerArnSeconds { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// The shards a reshard in progress creates (not yet in <see cref="Shards"/>): written before any shard changes,
    /// so an interrupted reshard is finished on the next activation.
    /// </summary>
    public List<ShardRecord> PendingShards { get; set; } = [];

    /// <summary>The indices of the open shards the reshard in progress closes.</summary>
    public List<int> PendingClosing { get; set; } = [];

    /// <summary>When each UpdateShardCount of the last 24 hours ran (Unix ms), for the rolling limit of 10.</summary>
    public List<long> ScalingOperationTimesMs { get; set; } = [];

    public long Version { get; set; }
}
