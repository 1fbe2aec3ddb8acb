using Orleans.Kinesis.Abstractions.Records;

namespace Orleans.Kinesis.Abstractions.Grains;

/// <summary>
/// Records read from a shard, in memory the caller owns (never a pooled buffer or a lease on the log), so they may
/// cross machines and stay valid for as long as they are referenced. <see cref="NextOrdinal"/> is the ordinal after
/// the last record returned: the position to read from next.
/// </summary>
[GenerateSerializer, Immutable, Alias("kinesis.ShardRecords")]
public sealed record ShardRecords(RecordView[] Items, long NextOrdinal)
{
    /// <summary>How many records were read.</summary>
    public int Count => Items.Length;

    public ReadOnlySpan<RecordView> Records => Items;

    public static ShardRecords Empty(long nextOrdinal) => new([], nextOrdinal);
}
