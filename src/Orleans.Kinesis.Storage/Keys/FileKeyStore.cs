using Orleans.Kinesis.Storage.IO;

namespace Orleans.Kinesis.Storage.Keys;

/// <summary>
/// Keys as files in a folder (created 0700): each written to a temporary file of mode 0600, flushed, then linked into
/// place without overwriting, and the folder flushed, so a key is either fully there or not there at all.
/// </summary>
public sealed class FileKeyStore(string directory) : IKeyStore
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public string Describe(string name) => Path.Combine(directory, name);

    public byte[]? Read(string name)
    {
        var path = Describe(name);
        return File.Exists(path) ? File.ReadAllBytes(path) : null;
    }

    public bool TryCreate(string name, byte[] content)
    {
        CreatePrivateDirectory(directory);
        var path = Describe(name);
        var temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        var create = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            create.UnixCreateMode = OwnerOnly;
        }

        try
        {
            using (var file = new FileStream(temp, create))
            {
                file.Write(content);
                file.Flush(flushToDisk: true);
            }

            try
            {
                File.Move(temp, path, overwrite: false);
            }
            catch (IOException) when (File.Exists(path))
            {
                return false; // another process created it first
            }

            DirectorySync.Flush(directory);
            return true;
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <summary>Creates the folder (and missing parents) readable only by the owner, and flushes its parent.</summary>
    public static void CreatePrivateDirectory(string directory)
    {
        if (Directory.Exists(directory))
        {
            return;
        }

        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
            return;
        }

        if (Path.GetDirectoryName(Path.GetFullPath(directory)) is { } parent)
        {
            DirectorySync.CreateDirectory(parent);
            Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            DirectorySync.Flush(parent);
        }
    }
}
