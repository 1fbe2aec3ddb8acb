namespace Orleans.Kinesis.Storage.Logs.Devices;

/// <summary>
/// One segment of a shard log on its device (a file, or an append blob leased by the writer). Only the log's
/// flusher appends; reads may run concurrently with appends and with each other.
/// </summary>
internal interface ISegmentDevice : IDisposable
{
    long FirstOrdinal { get; }

    /// <summary>The file path or blob name, for messages.</summary>
    string Name { get; }

    /// <summary>The segment's length on the device when it was opened.</summary>
    long Length { get; }

    /// <summary>False when an append of <paramref name="bytes"/> more would pass a device limit (the blob block count).</summary>
    bool HasRoomFor(int bytes);

    /// <summary>Writes <paramref name="bytes"/> at <paramref name="position"/> (the durable end); complete means durable.</summary>
    ValueTask AppendAsync(ReadOnlyMemory<byte> bytes, long position);

    /// <summary>Reads exactly <paramref name="destination"/>'s length from <paramref name="offset"/>, or throws <see cref="InvalidDataException"/>.</summary>
    ValueTask ReadAsync(Memory<byte> destination, long offset, CancellationToken cancellationToken);

    /// <summary>After a failed append: true when the device holds exactly <paramref name="length"/> bytes (nothing past the durable end landed).</summary>
    ValueTask<bool> HasExactLengthAsync(long length);

    /// <summary>Cuts the segment to <paramref name="length"/>, durably (only when the store <see cref="ISegmentStore.CanTruncate"/>).</summary>
    ValueTask TruncateAsync(long length);

    /// <summary>Called once the segment is sealed (its index stored): the blob's segment lease is let go.</summary>
    ValueTask SealAsync();

    /// <summary>Keeps the segment open for a read even if it is trimmed meanwhile; false when it is already closed.</summary>
    bool TryAddReader();

    void ReleaseReader();
}
