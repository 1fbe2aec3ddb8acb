using System.Security.Cryptography;

namespace Orleans.Kinesis.Host;

/// <summary>The key that signs shard iterators, kept in the data directory so iterators outlive a restart.</summary>
internal static class TokenKeyFile
{
    public static byte[] LoadOrCreate(string dataDirectory)
    {
        var path = Path.Combine(dataDirectory, "token.key");
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
        using (var file = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            file.Write(key);
            file.Flush(flushToDisk: true);
        }

        File.Move(temp, path, overwrite: true);
        return key;
    }
}
