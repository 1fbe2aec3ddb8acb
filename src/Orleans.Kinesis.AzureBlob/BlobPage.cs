namespace Orleans.Kinesis.AzureBlob;

/// <summary>One page of a listing; <see cref="NextMarker"/> continues it, null at the end.</summary>
public sealed record BlobPage(IReadOnlyList<BlobItem> Items, string? NextMarker);
