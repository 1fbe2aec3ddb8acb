namespace Orleans.Kinesis.Grains.Streams;

/// <summary>One shard in a stream's persisted shard map. Hash keys are decimal strings of 128-bit values.</summary>
public sealed class ShardRecord
{
    public int Index { get; set; }

    public string StartingHashKey { get; set; } = "0";

    public string EndingHashKey { get; set; } = "0";

    public int? ParentIndex { get; set; }

    public int? AdjacentParentIndex { get; set; }

    public long CreatedTimeMs { get; set; }

    public long? EndingOrdinal { get; set; }

    /// <summary>When a reshard closed the shard (Unix ms); null while it is open.</summary>
    public long? ClosedTimeMs { get; set; }
}
