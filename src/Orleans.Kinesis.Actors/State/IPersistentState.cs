namespace Orleans.Kinesis.Actors.State;

/// <summary>A grain's persistent state document, read before activation and written explicitly.</summary>
public interface IPersistentState<TState>
    where TState : class, new()
{
    TState State { get; set; }

    /// <summary>The ETag of the stored document, or null when none has been read or written.</summary>
    string? Etag { get; }

    bool RecordExists { get; }

    Task ReadStateAsync(CancellationToken cancellationToken);

    /// <summary>Writes <see cref="State"/>; throws InconsistentStateException when another writer changed the document.</summary>
    Task WriteStateAsync(CancellationToken cancellationToken);

    /// <summary>Deletes the document and resets <see cref="State"/> to a new instance.</summary>
    Task ClearStateAsync(CancellationToken cancellationToken);
}
