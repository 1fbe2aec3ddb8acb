namespace Orleans.Kinesis.Client.Model;

public sealed record EnhancedMonitoringRequest : StreamRequest
{
    public required List<string> ShardLevelMetrics { get; init; }
}
