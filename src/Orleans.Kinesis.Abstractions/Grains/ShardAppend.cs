using Orleans.Kinesis.Abstractions.Records;

namespace Orleans.Kinesis.Abstractions.Grains;

/// <summary>
/// Records to append to one shard, in order. Their memory belongs to this batch alone (never a slice of a pooled
/// request buffer): the caller builds it and does not touch it again, so a shard may read it after the caller
/// stopped waiting, and Orleans passes it on without copying the record bytes.
/// </summary>
[GenerateSerializer, Immutable, Alias("kinesis.ShardAppend")]
public sealed record ShardAppend(RecordEntry[] Records);
