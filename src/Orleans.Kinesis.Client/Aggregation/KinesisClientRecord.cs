namespace Orleans.Kinesis.Client.Aggregation;

/// <summary>A user record as consumers see it: de-aggregated, with its Kinesis record's sequence number and its sub-sequence number.</summary>
public sealed record KinesisClientRecord(
    ReadOnlyMemory<byte> Data,
    string PartitionKey,
    string? ExplicitHashKey,
    string SequenceNumber,
    long SubSequenceNumber,
    DateTimeOffset? ApproximateArrivalTimestamp,
    bool Aggregated,
    string? EncryptionType);
