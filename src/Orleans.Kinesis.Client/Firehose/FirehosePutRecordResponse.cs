namespace Orleans.Kinesis.Client.Firehose;

public sealed record FirehosePutRecordResponse
{
    public required string RecordId { get; init; }

    public bool? Encrypted { get; init; }
}
