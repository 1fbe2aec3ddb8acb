namespace Orleans.Kinesis.Abstractions.Actors;

/// <summary>
/// A state write or delete carried an ETag that no longer matches the stored document:
/// another writer changed it. Never swallowed: it means two activations exist.
/// </summary>
public sealed class InconsistentStateException : Exception
{
    public InconsistentStateException(string message, string? storedEtag, string? currentEtag)
        : base(message)
    {
        StoredEtag = storedEtag;
        CurrentEtag = currentEtag;
    }

    /// <summary>The ETag found in storage (null when the document does not exist).</summary>
    public string? StoredEtag { get; }

    /// <summary>The ETag the writer expected.</summary>
    public string? CurrentEtag { get; }
}
