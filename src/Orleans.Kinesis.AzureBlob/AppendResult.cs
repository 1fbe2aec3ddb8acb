namespace Orleans.Kinesis.AzureBlob;

/// <summary>The outcome of Append Block: where the block starts, the new ETag and the blob's committed block count.</summary>
public sealed record AppendResult(string ETag, long AppendOffset, int CommittedBlockCount);
