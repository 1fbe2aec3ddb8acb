namespace Orleans.Kinesis.Grains.Appends;

/// <summary>
/// The notice a shard publishes on its <see cref="ShardAppendsStream"/> after a durable flush (or its close): the
/// ordinal after its newest durable record, and whether the shard is closed. One notice stands for every record
/// below <see cref="DurableOrdinal"/>, so a reader only needs the latest.
/// </summary>
[GenerateSerializer, Immutable, Alias("kinesis.ShardAppended")]
public readonly record struct ShardAppended(long DurableOrdinal, bool Closed);
