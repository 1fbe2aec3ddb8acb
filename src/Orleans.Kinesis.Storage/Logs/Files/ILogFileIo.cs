using Microsoft.Win32.SafeHandles;

namespace Orleans.Kinesis.Storage.Logs.Files;

/// <summary>The writes a log makes to its active segment; a seam so tests can make them fail.</summary>
internal interface ILogFileIo
{
    void Write(SafeFileHandle handle, ReadOnlySpan<byte> data, long fileOffset);

    void FlushToDisk(SafeFileHandle handle);
}
