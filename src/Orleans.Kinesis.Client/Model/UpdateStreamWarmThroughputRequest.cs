namespace Orleans.Kinesis.Client.Model;

public sealed record UpdateStreamWarmThroughputRequest : StreamRequest
{
    public required int WarmThroughputMiBps { get; init; }
}
