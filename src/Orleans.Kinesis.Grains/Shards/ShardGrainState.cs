namespace Orleans.Kinesis.Grains.Shards;

/// <summary>The persisted state of a shard grain: which log it owns and, once closed, where it ends.</summary>
public sealed class ShardGrainState
{
    public string StreamName { get; set; } = string.Empty;

    public string StorageFolder { get; set; } = string.Empty;

    public int Index { get; set; }

    public long? EndingOrdinal { get; set; }

    public int RetentionPeriodHours { get; set; } = 24;
}
