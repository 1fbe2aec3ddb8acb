namespace Orleans.Kinesis.Abstractions.Grains;

/// <summary>
/// What a shard took of an append: the first <see cref="Accepted"/> records, numbered from <see cref="FirstOrdinal"/>;
/// the rest were over the shard's write throughput and were not stored.
/// </summary>
[GenerateSerializer, Immutable, Alias("kinesis.ShardAppendResult")]
public readonly record struct ShardAppendResult(long FirstOrdinal, int Accepted);
