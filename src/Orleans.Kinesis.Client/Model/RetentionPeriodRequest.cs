namespace Orleans.Kinesis.Client.Model;

public sealed record RetentionPeriodRequest : StreamRequest
{
    public required int RetentionPeriodHours { get; init; }
}
