using System.ComponentModel;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Orleans.Kinesis.Storage.Logs.Files;

/// <summary>
/// Positional writes through <see cref="RandomAccess"/>; the flush is fdatasync on Linux (the data and what reading it
/// back needs, such as the file's size, but not its timestamps, so an append into space the file already has commits
/// no journal), fsync elsewhere (<see cref="RandomAccess.FlushToDisk"/>).
/// </summary>
internal sealed class LogFileIo : ILogFileIo
{
    public static readonly LogFileIo Instance = new();

    private static bool _dataSync = OperatingSystem.IsLinux();

    /// <summary>Whether flushes use fdatasync (Linux, with libc found at the first flush).</summary>
    public static bool UsesDataSync => _dataSync;

    public void Write(SafeFileHandle handle, ReadOnlySpan<byte> data, long fileOffset) => RandomAccess.Write(handle, data, fileOffset);

    public void FlushToDisk(SafeFileHandle handle)
    {
        if (_dataSync)
        {
            try
            {
                if (Native.DataSync(handle) != 0)
                {
                    var error = Marshal.GetLastPInvokeError();
                    throw new IOException($"fdatasync failed: {new Win32Exception(error).Message}", error);
                }

                return;
            }
            catch (Exception missing) when (missing is DllNotFoundException or EntryPointNotFoundException)
            {
                _dataSync = false; // no usable libc: fsync from now on
            }
        }

        RandomAccess.FlushToDisk(handle);
    }

    private static class Native
    {
        // DllImport rather than LibraryImport: the source-generated stub needs unsafe code; SafeHandle marshalling
        // is built into the runtime.
        [DllImport("libc", EntryPoint = "fdatasync", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int DataSync(SafeFileHandle handle);
    }
}
