namespace Orleans.Kinesis.Client.Model;

public sealed record UpdateStreamWarmThroughputResponse
{
    public string? StreamName { get; init; }

    public string? StreamARN { get; init; }

    public WarmThroughputObject? WarmThroughput { get; init; }
}
