namespace Orleans.Kinesis.Client.Model;

/// <summary>A stored Kinesis record.</summary>
public sealed record Record
{
    public required string SequenceNumber { get; init; }

    public DateTimeOffset? ApproximateArrivalTimestamp { get; init; }

    public required byte[] Data { get; init; }

    public required string PartitionKey { get; init; }

    public string? EncryptionType { get; init; }
}
