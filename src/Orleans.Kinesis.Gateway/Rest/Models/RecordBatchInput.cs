namespace Orleans.Kinesis.Gateway.Rest.Models;

/// <summary>Many records in one call (PutRecords: up to 500).</summary>
public sealed record RecordBatchInput(IReadOnlyList<RecordInput> Records);
