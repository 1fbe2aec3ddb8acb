using Microsoft.Win32.SafeHandles;
using Orleans.Kinesis.Storage.Logs.Devices;

namespace Orleans.Kinesis.Storage.Logs.Files;

/// <summary>
/// A segment file: positional writes then a data flush (through <see cref="ILogFileIo"/>), positional reads,
/// truncation. Small appends land in space written with zeros ahead of them: an append that only overwrites blocks
/// the file already has needs no size or allocation change made durable, so its flush writes the data pages alone
/// (with fdatasync; on a growing file every flush also commits the file system's journal, the slow tail of a small
/// durable write). Zeros cost a write each <see cref="ZeroChunkBytes"/>; large appends (batches) just grow the file.
/// The zero tail is cut when the segment is sealed or closed; after a crash recovery finds the log's end at the
/// first frame header of zeros and cuts it there.
/// </summary>
internal sealed class FileSegmentDevice(string path, long firstOrdinal, SafeFileHandle handle, ILogFileIo io, long segmentMaxBytes) : ISegmentDevice
{
    /// <summary>How much is written with zeros ahead of a small append that would grow the file.</summary>
    public const int ZeroChunkBytes = 1024 * 1024;

    /// <summary>Appends up to this size go into zeroed space; larger ones grow the file.</summary>
    public const int SmallAppendBytes = 64 * 1024;

    private static readonly byte[] Zeros = new byte[ZeroChunkBytes];

    /// <summary>Where the durable data ends (the appends' end; what a seal or close cuts the file back to).</summary>
    private long _dataEnd = RandomAccess.GetLength(handle);

    /// <summary>The file's length: past <see cref="_dataEnd"/> it holds zeros.</summary>
    private long _fileEnd = RandomAccess.GetLength(handle);

    public long FirstOrdinal { get; } = firstOrdinal;

    public string Name { get; } = path;

    public long Length { get; } = RandomAccess.GetLength(handle);

    public bool HasRoomFor(int bytes) => true;

    public ValueTask AppendAsync(ReadOnlyMemory<byte> bytes, long position)
    {
        var end = position + bytes.Length;
        // Zeros from the file's end (never over data) to the chunk boundary past this append, within the segment's
        // size; the flush below makes both durable.
        var zeroTo = Math.Min(end + ZeroChunkBytes - (end % ZeroChunkBytes), segmentMaxBytes);
        if (end > _fileEnd && bytes.Length <= SmallAppendBytes && zeroTo > end)
        {
            var zeroFrom = Math.Max(_fileEnd, position);
            for (var offset = zeroFrom; offset < zeroTo; offset += ZeroChunkBytes)
            {
                io.Write(handle, Zeros.AsSpan(0, (int)Math.Min(ZeroChunkBytes, zeroTo - offset)), offset);
            }

            _fileEnd = zeroTo;
        }

        io.Write(handle, bytes.Span, position);
        _fileEnd = Math.Max(_fileEnd, end);
        io.FlushToDisk(handle);
        _dataEnd = end;
        return ValueTask.CompletedTask;
    }

    public ValueTask ReadAsync(Memory<byte> destination, long offset, CancellationToken cancellationToken)
    {
        var span = destination.Span;
        while (!span.IsEmpty)
        {
            var read = RandomAccess.Read(handle, span, offset);
            if (read <= 0)
            {
                throw new InvalidDataException($"Segment '{Name}' ended before offset {offset}.");
            }

            span = span[read..];
            offset += read;
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// Always false: after a failed write or fsync what the file holds is unknown (a failed fsync may have dropped
    /// pages the kernel still shows), so the engine seals the segment at its durable end.
    /// </summary>
    public ValueTask<bool> HasExactLengthAsync(long length) => ValueTask.FromResult(false);

    public ValueTask TruncateAsync(long length)
    {
        Truncate(length);
        return ValueTask.CompletedTask;
    }

    /// <summary>Cuts the zeros past the durable end, so a sealed segment is exactly as long as its index says.</summary>
    public ValueTask SealAsync()
    {
        CutZeros();
        return ValueTask.CompletedTask;
    }

    public bool TryAddReader()
    {
        var added = false;
        try
        {
            handle.DangerousAddRef(ref added);
        }
        catch (ObjectDisposedException)
        {
        }

        return added;
    }

    public void ReleaseReader() => handle.DangerousRelease();

    /// <summary>Cuts the zeros (a log closed cleanly leaves none), then closes the file once its last reader is done.</summary>
    public void Dispose()
    {
        if (!handle.IsClosed)
        {
            try
            {
                CutZeros();
            }
            catch (IOException)
            {
                // Left for recovery, which cuts a tail of zeros.
            }
        }

        handle.Dispose();
    }

    private void CutZeros()
    {
        if (_fileEnd > _dataEnd)
        {
            Truncate(_dataEnd);
        }
    }

    private void Truncate(long length)
    {
        RandomAccess.SetLength(handle, length);
        RandomAccess.FlushToDisk(handle);
        _dataEnd = _fileEnd = length;
    }
}
