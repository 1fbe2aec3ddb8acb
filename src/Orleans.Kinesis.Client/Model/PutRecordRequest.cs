namespace Orleans.Kinesis.Client.Model;

public sealed record PutRecordRequest : StreamRequest
{
    public required byte[] Data { get; init; }

    public required string PartitionKey { get; init; }

    public string? ExplicitHashKey { get; init; }

    public string? SequenceNumberForOrdering { get; init; }
}
