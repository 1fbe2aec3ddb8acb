namespace Orleans.Kinesis.AzureBlob;

/// <summary>What a blob request reported about the blob: its ETag, length and, for append blobs, committed blocks.</summary>
public sealed record BlobProperties(string ETag, long Length, int CommittedBlockCount, string? LeaseState);
