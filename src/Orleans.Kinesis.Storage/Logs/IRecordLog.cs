using Orleans.Kinesis.Abstractions.Records;

namespace Orleans.Kinesis.Storage.Logs;

/// <summary>
/// The append-only log of one shard. Records are numbered by ordinal (0, 1, 2, … in append order).
/// Only durable records are ever read back. Implementations are safe for concurrent use.
/// </summary>
public interface IRecordLog : IAsyncDisposable
{
    /// <summary>Ordinal of the oldest retained record; equals <see cref="DurableOrdinal"/> when the log holds nothing.</summary>
    long FirstOrdinal { get; }

    /// <summary>Records with an ordinal below this are durable and readable.</summary>
    long DurableOrdinal { get; }

    /// <summary>The ordinal the next appended record will get.</summary>
    long NextOrdinal { get; }

    /// <summary>Arrival time (Unix ms) of the newest durable record, or 0 when there is none.</summary>
    long LastArrivalTimeMs { get; }

    /// <summary>
    /// Appends <paramref name="records"/> as one batch with one arrival time. Ordinals are assigned before this
    /// returns, in call order. Concurrent appends are coalesced into one write and one flush to stable storage;
    /// <see cref="LogAppend.Durable"/> completes only after that flush. After a failed flush the appends of that
    /// batch and those queued behind it fault and ordinals roll back to the durable end; the next write first
    /// re-verifies the tail, so the log accepts appends again once its device is back, without being reopened.
    /// When <paramref name="expectedFirstOrdinal"/> is not negative, the append is refused (nothing written, a
    /// faulted <see cref="LogAppend.Durable"/>) unless its first record gets exactly that ordinal: records sealed
    /// for their ordinals never land elsewhere, even when a failed write rolled the ordinals back meanwhile.
    /// </summary>
    LogAppend Append(ReadOnlySpan<RecordEntry> records, long arrivalTimeMs, long expectedFirstOrdinal = -1);

    /// <summary>
    /// Reads durable records from <paramref name="fromOrdinal"/> (raised to <see cref="FirstOrdinal"/> if lower),
    /// stopping after <paramref name="maxRecords"/> records or before the total of partition key and data bytes
    /// would pass <paramref name="maxBytes"/> (the first record is always returned).
    /// </summary>
    ValueTask<RecordBatch> ReadAsync(long fromOrdinal, int maxRecords, long maxBytes, CancellationToken cancellationToken);

    /// <summary>The ordinal of the first durable record that arrived at or after <paramref name="arrivalTimeMs"/>, or <see cref="DurableOrdinal"/>.</summary>
    ValueTask<long> FindByArrivalTimeAsync(long arrivalTimeMs, CancellationToken cancellationToken);

    /// <summary>Removes whole segments whose newest record arrived before <paramref name="arrivalCutoffMs"/>.</summary>
    ValueTask TrimAsync(long arrivalCutoffMs, CancellationToken cancellationToken);

    /// <summary>Completes when everything appended so far is durable.</summary>
    Task FlushAsync(CancellationToken cancellationToken);
}
