using Microsoft.Win32.SafeHandles;

namespace Orleans.Kinesis.Storage.Logs.Files;

/// <summary>Positional writes and fsync through <see cref="RandomAccess"/>.</summary>
internal sealed class LogFileIo : ILogFileIo
{
    public static readonly LogFileIo Instance = new();

    public void Write(SafeFileHandle handle, ReadOnlySpan<byte> data, long fileOffset) => RandomAccess.Write(handle, data, fileOffset);

    public void FlushToDisk(SafeFileHandle handle) => RandomAccess.FlushToDisk(handle);
}
