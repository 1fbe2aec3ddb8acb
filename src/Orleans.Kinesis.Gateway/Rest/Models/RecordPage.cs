namespace Orleans.Kinesis.Gateway.Rest.Models;

/// <summary>
/// Records read from a shard. <see cref="NextToken"/> (a shard iterator, valid 5 minutes) continues the read; it is
/// null at the end of a closed shard, whose <see cref="ChildShards"/> are then listed.
/// </summary>
public sealed record RecordPage(string ShardId, IReadOnlyList<RecordResource> Records, string? NextToken, long MillisBehindLatest, IReadOnlyList<string> ChildShards);
