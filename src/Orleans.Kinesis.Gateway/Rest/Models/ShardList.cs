namespace Orleans.Kinesis.Gateway.Rest.Models;

/// <summary>Every listed shard of a stream, open and closed.</summary>
public sealed record ShardList(string Stream, IReadOnlyList<ShardResource> Shards);
