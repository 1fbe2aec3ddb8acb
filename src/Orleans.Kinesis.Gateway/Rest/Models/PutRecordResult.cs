namespace Orleans.Kinesis.Gateway.Rest.Models;

/// <summary>Where a record was stored.</summary>
public sealed record PutRecordResult(string ShardId, string SequenceNumber, bool Encrypted);
