namespace Orleans.Kinesis.Client.Firehose;

public sealed record FirehoseRecord
{
    public required byte[] Data { get; init; }
}
