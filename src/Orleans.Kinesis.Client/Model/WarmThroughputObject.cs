namespace Orleans.Kinesis.Client.Model;

public sealed record WarmThroughputObject
{
    public int? TargetMiBps { get; init; }

    public int? CurrentMiBps { get; init; }
}
