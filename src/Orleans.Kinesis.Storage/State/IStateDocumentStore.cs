using Orleans.Storage;

namespace Orleans.Kinesis.Storage.State;

/// <summary>
/// Stores state documents as opaque bytes with ETag optimistic concurrency; a document is named by a state name
/// (e.g. "stream") and a grain key. <see cref="DocumentGrainStorage"/> puts Orleans grain state on it.
/// </summary>
internal interface IStateDocumentStore
{
    /// <summary>Reads a document, or null when none exists.</summary>
    Task<StateDocument?> ReadAsync(string stateType, string key, CancellationToken cancellationToken);

    /// <summary>
    /// Writes a document atomically (a reader sees the old or the new bytes, never a mix) and durably.
    /// <paramref name="expectedEtag"/> null means the document must not exist yet; otherwise it must equal the
    /// stored ETag. A mismatch throws <see cref="InconsistentStateException"/>. Returns the new ETag.
    /// </summary>
    Task<string> WriteAsync(string stateType, string key, ReadOnlyMemory<byte> data, string? expectedEtag, CancellationToken cancellationToken);

    /// <summary>Deletes a document whose ETag equals <paramref name="expectedEtag"/>; a mismatch throws InconsistentStateException. Deleting a missing document with a null ETag is a no-op.</summary>
    Task DeleteAsync(string stateType, string key, string? expectedEtag, CancellationToken cancellationToken);
}
