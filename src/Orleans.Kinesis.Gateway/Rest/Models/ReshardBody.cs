namespace Orleans.Kinesis.Gateway.Rest.Models;

/// <summary>POST /api/v1/streams/{name}/reshard: the open shard count to scale to (UpdateShardCount, UNIFORM_SCALING).</summary>
public sealed record ReshardBody(int? TargetShardCount);
