namespace Orleans.Kinesis.Client.Firehose;

public sealed record KinesisStreamSourceConfiguration
{
    public required string KinesisStreamARN { get; init; }

    public required string RoleARN { get; init; }
}
