namespace Orleans.Kinesis.Client.Firehose;

public sealed record BufferingHints
{
    public int? SizeInMBs { get; init; }

    public int? IntervalInSeconds { get; init; }
}
