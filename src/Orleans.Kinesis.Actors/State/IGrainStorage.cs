namespace Orleans.Kinesis.Actors.State;

/// <summary>
/// Stores grain state documents as opaque bytes with ETag optimistic concurrency.
/// A document is named by a state type (e.g. "stream") and a grain key.
/// </summary>
public interface IGrainStorage
{
    /// <summary>Reads a document, or null when none exists.</summary>
    Task<GrainStateDocument?> ReadAsync(string stateType, string key, CancellationToken cancellationToken);

    /// <summary>
    /// Writes a document atomically (a reader sees the old or the new bytes, never a mix) and durably.
    /// <paramref name="expectedEtag"/> null means the document must not exist yet; otherwise it must equal the
    /// stored ETag. A mismatch throws <see cref="Abstractions.Actors.InconsistentStateException"/>. Returns the new ETag.
    /// </summary>
    Task<string> WriteAsync(string stateType, string key, ReadOnlyMemory<byte> data, string? expectedEtag, CancellationToken cancellationToken);

    /// <summary>Deletes a document whose ETag equals <paramref name="expectedEtag"/>; a mismatch throws InconsistentStateException. Deleting a missing document with a null ETag is a no-op.</summary>
    Task DeleteAsync(string stateType, string key, string? expectedEtag, CancellationToken cancellationToken);

    /// <summary>Lists the keys of all documents of a state type, in ordinal order.</summary>
    Task<IReadOnlyList<string>> ListKeysAsync(string stateType, CancellationToken cancellationToken);
}
