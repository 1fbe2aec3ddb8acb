namespace Orleans.Kinesis.Abstractions.Grains;

/// <summary>Records read from a shard and the shard's positions at the time of the read.</summary>
[GenerateSerializer, Immutable, Alias("kinesis.ShardReadResult")]
public sealed record ShardReadResult(ShardRecords Records, ShardPositions Positions);
