namespace Orleans.Kinesis.AzureBlob;

/// <summary>Preconditions of a blob request; a failed one answers 412 (or 409 for a lease conflict).</summary>
public sealed record BlobConditions
{
    /// <summary>A condition that the blob must not exist yet (<c>If-None-Match: *</c>).</summary>
    public static readonly BlobConditions IfNotExists = new() { IfNoneMatch = "*" };

    /// <summary>The blob's ETag must equal this (<c>If-Match</c>).</summary>
    public string? IfMatch { get; init; }

    /// <summary>The blob's ETag must differ from this; <c>*</c> means the blob must not exist.</summary>
    public string? IfNoneMatch { get; init; }

    /// <summary>The blob's active lease (<c>x-ms-lease-id</c>).</summary>
    public string? LeaseId { get; init; }

    /// <summary>Append Block only: the blob's length must equal this before the append.</summary>
    public long? AppendPosition { get; init; }

    /// <summary>Append Block only: the blob must not grow past this many bytes.</summary>
    public long? MaxSize { get; init; }
}
