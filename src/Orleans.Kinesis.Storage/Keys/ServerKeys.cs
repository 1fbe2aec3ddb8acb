using System.Security.Cryptography;
using System.Text;

namespace Orleans.Kinesis.Storage.Keys;

/// <summary>
/// The server's two 32-byte keys: <c>token.key</c> signs shard iterators, <c>encryption.key</c> is the master key of
/// server-side encryption unless one is configured. Both are generated once and then only read: a damaged or
/// wrong-length key is a startup error naming where it is, never replaced (replacing the encryption key would make
/// every encrypted record unreadable). <c>encryption.check</c> holds a check value of the encryption key in use, so a
/// different key (another <c>--encryption-key</c>) is refused at start instead of failing on the first read.
/// </summary>
public sealed class ServerKeys
{
    public const int KeyBytes = 32;
    private const string TokenKeyName = "token.key";
    private const string EncryptionKeyName = "encryption.key";
    private const string CheckName = "encryption.check";
    private static readonly byte[] CheckLabel = Encoding.ASCII.GetBytes("Orleans.Kinesis encryption key check v1");

    private ServerKeys(byte[] tokenKey, byte[] encryptionKey)
    {
        TokenKey = tokenKey;
        EncryptionKey = encryptionKey;
    }

    public byte[] TokenKey { get; }

    public byte[] EncryptionKey { get; }

    /// <summary>Loads the keys from <paramref name="store"/>, creating the missing ones; <paramref name="configuredEncryptionKey"/> wins over a stored one.</summary>
    public static ServerKeys Load(IKeyStore store, byte[]? configuredEncryptionKey)
    {
        var tokenKey = LoadOrCreate(store, TokenKeyName);
        var encryptionKey = configuredEncryptionKey ?? LoadOrCreate(store, EncryptionKeyName);
        var check = CheckValue(encryptionKey);
        if (!store.TryCreate(CheckName, check))
        {
            var stored = store.Read(CheckName) ?? throw new InvalidDataException($"The key check value {store.Describe(CheckName)} vanished while it was read.");
            if (!CryptographicOperations.FixedTimeEquals(stored, check))
            {
                throw new InvalidDataException(
                    $"The encryption key does not match the key check value in {store.Describe(CheckName)}: the stored records were encrypted with a "
                    + "different master key. Start with the key they were written with (--encryption-key or ORLEANS_KINESIS_ENCRYPTION_KEY).");
            }
        }

        return new ServerKeys(tokenKey, encryptionKey);
    }

    /// <summary>The first 16 bytes of HMAC-SHA256 of a fixed label under the key: reveals nothing about the key.</summary>
    public static byte[] CheckValue(byte[] key) => HMACSHA256.HashData(key, CheckLabel)[..16];

    private static byte[] LoadOrCreate(IKeyStore store, string name)
    {
        var existing = store.Read(name);
        if (existing is null)
        {
            var key = RandomNumberGenerator.GetBytes(KeyBytes);
            if (store.TryCreate(name, key))
            {
                return key;
            }

            existing = store.Read(name) ?? throw new InvalidDataException($"The key {store.Describe(name)} vanished while it was read.");
        }

        return existing.Length == KeyBytes
            ? existing
            : throw new InvalidDataException(
                $"The key {store.Describe(name)} is damaged: it holds {existing.Length} bytes, not {KeyBytes}. It is not replaced, because data written "
                + "with it would become unreadable; restore it from a backup, or remove it only together with the data.");
    }
}
