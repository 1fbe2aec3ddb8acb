namespace Orleans.Kinesis.Client.Model;

public sealed record EnhancedMonitoringResponse
{
    public string? StreamName { get; init; }

    public string? StreamARN { get; init; }

    public List<string>? CurrentShardLevelMetrics { get; init; }

    public List<string>? DesiredShardLevelMetrics { get; init; }
}
