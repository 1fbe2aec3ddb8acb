namespace Orleans.Kinesis.Gateway.Rest.Models;

/// <summary>POST /api/v1/streams: a name, and a shard count (PROVISIONED) or mode ON_DEMAND.</summary>
public sealed record CreateStreamBody(string? Name, int? ShardCount, string? Mode);
