namespace Orleans.Kinesis.Gateway.Rest.Models;

/// <summary>A shard: its hash key range (decimal 128-bit values), lineage, sequence range and state (open or closed).</summary>
public sealed record ShardResource(
    string ShardId,
    string State,
    string? ParentShardId,
    string? AdjacentParentShardId,
    string StartingHashKey,
    string EndingHashKey,
    string StartingSequenceNumber,
    string? EndingSequenceNumber);
