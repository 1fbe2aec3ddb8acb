namespace Orleans.Kinesis.Client.Model;

public sealed record UpdateShardCountRequest : StreamRequest
{
    public required int TargetShardCount { get; init; }

    public string ScalingType { get; init; } = "UNIFORM_SCALING";
}
