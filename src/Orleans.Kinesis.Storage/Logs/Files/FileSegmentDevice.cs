using Microsoft.Win32.SafeHandles;
using Orleans.Kinesis.Storage.Logs.Devices;

namespace Orleans.Kinesis.Storage.Logs.Files;

/// <summary>A segment file: positional writes then fsync (through <see cref="ILogFileIo"/>), positional reads, truncation.</summary>
internal sealed class FileSegmentDevice(string path, long firstOrdinal, SafeFileHandle handle, ILogFileIo io) : ISegmentDevice
{
    public long FirstOrdinal { get; } = firstOrdinal;

    public string Name { get; } = path;

    public long Length { get; } = RandomAccess.GetLength(handle);

    public bool HasRoomFor(int bytes) => true;

    public ValueTask AppendAsync(ReadOnlyMemory<byte> bytes, long position)
    {
        io.Write(handle, bytes.Span, position);
        io.FlushToDisk(handle);
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
        RandomAccess.SetLength(handle, length);
        RandomAccess.FlushToDisk(handle);
        return ValueTask.CompletedTask;
    }

    public ValueTask SealAsync() => ValueTask.CompletedTask;

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

    public void Dispose() => handle.Dispose();
}
