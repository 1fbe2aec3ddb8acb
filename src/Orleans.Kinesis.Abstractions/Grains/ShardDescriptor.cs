using Orleans.Kinesis.Abstractions.Ids;

namespace Orleans.Kinesis.Abstractions.Grains;

/// <summary>
/// A shard of a stream as the stream's shard map records it. <see cref="EndingOrdinal"/> is null while the shard is
/// open; once closed it is the ordinal after its last record.
/// </summary>
[GenerateSerializer, Immutable, Alias("kinesis.ShardDescriptor")]
public sealed record ShardDescriptor(
    int Index,
    HashKeyRange HashKeyRange,
    int? ParentIndex,
    int? AdjacentParentIndex,
    long CreatedTimeMs,
    long? EndingOrdinal)
{
    /// <summary>When the shard was closed (Unix ms), or null while it is open.</summary>
    [Id(6)]
    public long? ClosedTimeMs { get; init; }

    public bool IsOpen => EndingOrdinal is null;

    public ShardId ShardId => new(Index);
}
