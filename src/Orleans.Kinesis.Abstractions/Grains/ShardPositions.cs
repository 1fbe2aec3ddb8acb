namespace Orleans.Kinesis.Abstractions.Grains;

/// <summary>
/// A shard's positions: the oldest retained ordinal, the ordinal after the newest durable record, the newest
/// record's arrival time (0 when empty) and, for a closed shard, its ending ordinal.
/// </summary>
[GenerateSerializer, Immutable, Alias("kinesis.ShardPositions")]
public readonly record struct ShardPositions(long FirstOrdinal, long DurableOrdinal, long LastArrivalTimeMs, long? EndingOrdinal);
