namespace Orleans.Kinesis.AzureBlob;

/// <summary>A blob listed in a container.</summary>
public sealed record BlobItem(string Name, long Length, string ETag);
