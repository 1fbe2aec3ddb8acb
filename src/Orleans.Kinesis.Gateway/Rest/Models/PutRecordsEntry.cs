namespace Orleans.Kinesis.Gateway.Rest.Models;

/// <summary>One record of a batch: stored (shard and sequence number) or failed (AWS error code and message).</summary>
public sealed record PutRecordsEntry(string? ShardId, string? SequenceNumber, string? ErrorCode, string? ErrorMessage);
