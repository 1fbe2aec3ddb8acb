namespace Orleans.Kinesis.Gateway.Rest.Models;

/// <summary>POST /api/v1/streams/{name}/shard-metrics: whether every shard-level metric is on (true) or off.</summary>
public sealed record ShardMetricsBody(bool Enabled);
