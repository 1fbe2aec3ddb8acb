namespace Orleans.Kinesis.Gateway.Rest.Models;

/// <summary>The answer of a reshard: the stream is UPDATING until the target is reached.</summary>
public sealed record ReshardResult(string Name, int CurrentShardCount, int TargetShardCount);
