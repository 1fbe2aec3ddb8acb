namespace Orleans.Kinesis.AzureBlob;

/// <summary>The bytes of a blob (or of the requested range), the blob's ETag and its whole length.</summary>
public sealed record BlobDownload(byte[] Content, string ETag, long BlobLength);
