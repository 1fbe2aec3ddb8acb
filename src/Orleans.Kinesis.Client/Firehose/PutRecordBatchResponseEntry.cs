namespace Orleans.Kinesis.Client.Firehose;

public sealed record PutRecordBatchResponseEntry
{
    public string? RecordId { get; init; }

    public string? ErrorCode { get; init; }

    public string? ErrorMessage { get; init; }
}
