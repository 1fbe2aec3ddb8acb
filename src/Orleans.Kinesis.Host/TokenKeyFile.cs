using System.Security.Cryptography;

namespace Orleans.Kinesis.Host;

/// <summary>
/// A random 32-byte key kept in the data directory so it outlives a restart: <c>token.key</c> signs shard iterators,
/// <c>encryption.key</c> is the default master key of server-side encryption.
/// </summary>
internal static class TokenKeyFile
{
    public static byte[] LoadOrCreate(string dataDirectory, string fileName = "token.key")
    {
        var path = Path.Combine(dataDirectory, fileName);
        if (File.Exists(path))
        {
            var existing = File.ReadAllBytes(path);
            if (existing.Length == 32)
            {
                return existing;
            }
        }

        Directory.CreateDirectory(dataDirectory);
        var key = RandomNumberGenerator.GetBytes(32);
        var temp = path + ".tmp";
        var create = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            create.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var file = new FileStream(temp, create))
        {
            file.Write(key);
            file.Flush(flushToDisk: true);
        }

        File.Move(temp, path, overwrite: true);
        return key;
    }
}
