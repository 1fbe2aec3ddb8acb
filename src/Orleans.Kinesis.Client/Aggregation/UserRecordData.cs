namespace Orleans.Kinesis.Client.Aggregation;

/// <summary>One user record inside (or for) an aggregated Kinesis record.</summary>
public sealed record UserRecordData(string PartitionKey, string? ExplicitHashKey, ReadOnlyMemory<byte> Data);
