namespace Orleans.Kinesis.Gateway.Iterators;

/// <summary>What a shard iterator says: which stream incarnation and shard, the ordinal to read next, and when it was issued.</summary>
public readonly record struct ShardIteratorToken(string StreamName, long StreamCreatedMs, int ShardIndex, long Ordinal, long IssuedMs);
