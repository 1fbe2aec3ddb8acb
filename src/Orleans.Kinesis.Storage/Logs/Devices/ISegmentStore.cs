namespace Orleans.Kinesis.Storage.Logs.Devices;

/// <summary>
/// The device under one shard log: a folder of segment files, or a blob prefix of append blobs. It lists, opens,
/// creates and deletes segments and keeps each sealed segment's index beside it; the record-log engine does
/// everything else (framing, group commit, index, hot tail, recovery, trimming, the failure policy).
/// </summary>
internal interface ISegmentStore : IAsyncDisposable
{
    /// <summary>The log's folder or blob prefix, for messages.</summary>
    string Name { get; }

    /// <summary>
    /// True when a segment can be cut back (files): a torn tail is truncated and appending continues in the segment.
    /// False for append blobs: a segment with a torn tail is sealed at its valid end and a new segment started.
    /// </summary>
    bool CanTruncate { get; }

    /// <summary>The most bytes one append may carry (an Append Block); larger frames are split by the device.</summary>
    int MaxAppendBytes { get; }

    /// <summary>Why the writer may not acknowledge now (its lease lost or not renewed in time), or null when it may.</summary>
    Exception? Refusal();

    /// <summary>Takes the log for this writer (creates the folder, or takes the writer lease) and lists its segments, oldest first.</summary>
    ValueTask<List<ListedSegment>> OpenAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Opens a listed segment. <paramref name="forWriting"/> fences it first (the blob segment is leased with this
    /// writer's lease id, so a previous writer can append nothing more) and reads its length after that.
    /// </summary>
    ValueTask<ISegmentDevice> OpenSegmentAsync(ListedSegment listed, bool forWriting, CancellationToken cancellationToken);

    /// <summary>Creates an empty segment starting at <paramref name="firstOrdinal"/>, durable and fenced for this writer.</summary>
    ValueTask<ISegmentDevice> CreateSegmentAsync(long firstOrdinal, CancellationToken cancellationToken);

    /// <summary>The index stored beside a sealed segment, or null when there is none.</summary>
    ValueTask<byte[]?> ReadIndexAsync(long firstOrdinal, CancellationToken cancellationToken);

    /// <summary>Stores (replacing atomically) the index of a sealed segment.</summary>
    ValueTask WriteIndexAsync(long firstOrdinal, byte[] content, CancellationToken cancellationToken);

    /// <summary>Deletes segments with their indexes (each index first: a segment without one is rescanned on open).</summary>
    ValueTask DeleteSegmentsAsync(IReadOnlyList<ISegmentDevice> segments, CancellationToken cancellationToken);
}
