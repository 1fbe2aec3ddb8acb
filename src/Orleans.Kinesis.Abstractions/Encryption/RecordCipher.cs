using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Orleans.Kinesis.Abstractions.Options;
using Orleans.Kinesis.Abstractions.Records;

namespace Orleans.Kinesis.Abstractions.Encryption;

/// <summary>
/// Server-side encryption of record data. Each (stream incarnation, KMS key) pair has its own 256-bit data key,
/// derived with HKDF-SHA256 from the operator's master key; records are sealed with AES-256-GCM under a random
/// 96-bit nonce, with the partition key as associated data. The envelope is
/// <c>[u8 version = 1][u16 key slot][12-byte nonce][ciphertext][16-byte tag]</c>. Shared by the gateway, which
/// seals and opens records for clients, and the grains that read records (a Firehose delivery stream reading a
/// Kinesis stream).
/// </summary>
public sealed class RecordCipher
{
    public const byte Version = 1;
    private const int HeaderBytes = 3;
    private const int NonceBytes = 12;
    private const int TagBytes = 16;

    private readonly byte[] _masterKey;
    private readonly ConcurrentDictionary<(string Folder, string KeyArn), byte[]> _dataKeys = new();

    public RecordCipher(IOptions<RecordEncryptionOptions> options)
    {
        _masterKey = options.Value.MasterKey;
        if (_masterKey.Length != 32)
        {
            throw new InvalidOperationException("The encryption master key must be 32 bytes.");
        }
    }

    /// <summary>The data key of a stream incarnation (its storage folder) under a KMS key (canonical ARN).</summary>
    public byte[] DataKey(string storageFolder, string keyArn)
        => _dataKeys.GetOrAdd((storageFolder, keyArn), static (id, master) =>
        {
            var info = Encoding.UTF8.GetBytes("orleans-kinesis record key\n" + id.KeyArn + "\n" + id.Folder);
            return HKDF.DeriveKey(HashAlgorithmName.SHA256, master, 32, salt: [], info);
        }, _masterKey);

    /// <summary>Seals <paramref name="data"/> into <paramref name="destination"/> (exactly <c>data.Length + </c><see cref="RecordFlags.EncryptionOverhead"/> bytes).</summary>
    public static void Seal(AesGcm aes, int slot, ReadOnlySpan<byte> partitionKey, ReadOnlySpan<byte> data, Span<byte> destination)
    {
        destination[0] = Version;
        BinaryPrimitives.WriteUInt16BigEndian(destination[1..], (ushort)slot);
        var nonce = destination.Slice(HeaderBytes, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        var body = destination.Slice(HeaderBytes + NonceBytes, data.Length);
        var tag = destination.Slice(HeaderBytes + NonceBytes + data.Length, TagBytes);
        aes.Encrypt(nonce, data, body, tag, partitionKey);
    }

    /// <summary>The key slot an envelope names, or -1 when it is not a well-formed envelope.</summary>
    public static int SlotOf(ReadOnlySpan<byte> envelope)
        => envelope.Length >= RecordFlags.EncryptionOverhead && envelope[0] == Version
            ? BinaryPrimitives.ReadUInt16BigEndian(envelope[1..])
            : -1;

    /// <summary>Opens an envelope into <paramref name="destination"/> (its length less the overhead); false when it fails authentication.</summary>
    public static bool TryOpen(AesGcm aes, ReadOnlySpan<byte> partitionKey, ReadOnlySpan<byte> envelope, Span<byte> destination)
    {
        var length = envelope.Length - RecordFlags.EncryptionOverhead;
        try
        {
            aes.Decrypt(
                envelope.Slice(HeaderBytes, NonceBytes),
                envelope.Slice(HeaderBytes + NonceBytes, length),
                envelope.Slice(HeaderBytes + NonceBytes + length, TagBytes),
                destination[..length],
                partitionKey);
            return true;
        }
        catch (AuthenticationTagMismatchException)
        {
            return false;
        }
    }
}
