namespace Orleans.Kinesis.Client.Model;

public sealed record PutRecordsRequestEntry
{
    public required byte[] Data { get; init; }

    public required string PartitionKey { get; init; }

    public string? ExplicitHashKey { get; init; }
}
