namespace Orleans.Kinesis.Client.Firehose;

public sealed record PutRecordBatchResponse
{
    public int FailedPutCount { get; init; }

    public bool? Encrypted { get; init; }

    public List<PutRecordBatchResponseEntry> RequestResponses { get; init; } = [];
}
