namespace Orleans.Kinesis.Client.Model;

public sealed record EnhancedMetrics
{
    public List<string>? ShardLevelMetrics { get; init; }
}
