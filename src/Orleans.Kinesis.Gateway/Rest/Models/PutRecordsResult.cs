namespace Orleans.Kinesis.Gateway.Rest.Models;

/// <summary>The outcome of a batch: one entry per record, in order; failed entries carry the AWS error code.</summary>
public sealed record PutRecordsResult(int FailedRecordCount, IReadOnlyList<PutRecordsEntry> Records);
