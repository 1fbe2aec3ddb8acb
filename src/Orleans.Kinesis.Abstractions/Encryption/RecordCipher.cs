using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Orleans.Kinesis.Abstractions.Options;
using Orleans.Kinesis.Abstractions.Records;

namespace Orleans.Kinesis.Abstractions.Encryption;

/// <summary>
/// Server-side encryption of record data. Each (log folder, KMS key) pair has its own 256-bit data key, derived with
/// HKDF-SHA256 from the operator's master key (kept in the key store); records are sealed with AES-256-GCM under a
/// random 96-bit nonce. The envelope is <c>[u8 version][u16 key slot][12-byte nonce][ciphertext][16-byte tag]</c>.
/// Version 2 (written) binds the record's place as associated data (<see cref="RecordScope"/>: folder, shard,
/// sequence number, partition key); version 1 (written by earlier servers, only opened) bound the partition key alone.
/// Records are sealed where their sequence number is assigned (the shard grain, a delivery stream's buffer) and
/// opened by their readers (the gateway, a delivery stream reading a Kinesis stream).
/// </summary>
public sealed class RecordCipher
{
    /// <summary>The envelope version written: the associated data is the record's <see cref="RecordScope"/>.</summary>
    public const byte Version = 2;

    /// <summary>The envelope version of earlier servers: the associated data is the partition key alone. Opened, never written.</summary>
    public const byte LegacyVersion = 1;

    private const int StackLimit = 1024;
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

    /// <summary>
    /// Seals <paramref name="data"/> of the record that gets <paramref name="ordinal"/> in the log of <paramref name="scope"/>
    /// into <paramref name="destination"/> (exactly <c>data.Length + </c><see cref="RecordFlags.EncryptionOverhead"/> bytes).
    /// </summary>
    public static void Seal(AesGcm aes, int slot, RecordScope scope, long ordinal, ReadOnlySpan<byte> partitionKey, ReadOnlySpan<byte> data, Span<byte> destination)
    {
        var length = scope.Length(partitionKey.Length);
        Span<byte> associated = length <= StackLimit ? stackalloc byte[length] : new byte[length];
        scope.Write(associated, ordinal, partitionKey);
        destination[0] = Version;
        BinaryPrimitives.WriteUInt16BigEndian(destination[1..], (ushort)slot);
        var nonce = destination.Slice(HeaderBytes, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        var body = destination.Slice(HeaderBytes + NonceBytes, data.Length);
        var tag = destination.Slice(HeaderBytes + NonceBytes + data.Length, TagBytes);
        aes.Encrypt(nonce, data, body, tag, associated);
    }

    /// <summary>The key slot an envelope names, or -1 when it is not a well-formed envelope.</summary>
    public static int SlotOf(ReadOnlySpan<byte> envelope)
        => envelope.Length >= RecordFlags.EncryptionOverhead && envelope[0] is Version or LegacyVersion
            ? BinaryPrimitives.ReadUInt16BigEndian(envelope[1..])
            : -1;

    /// <summary>
    /// Opens the envelope of the record at <paramref name="ordinal"/> in the log of <paramref name="scope"/> into
    /// <paramref name="destination"/> (its length less the overhead); false when it fails authentication, e.g.
    /// because it was sealed for another record, shard or stream.
    /// </summary>
    public static bool TryOpen(AesGcm aes, RecordScope scope, long ordinal, ReadOnlySpan<byte> partitionKey, ReadOnlySpan<byte> envelope, Span<byte> destination)
    {
        if (envelope[0] == LegacyVersion)
        {
            return TryDecrypt(aes, partitionKey, envelope, destination);
        }

        var length = scope.Length(partitionKey.Length);
        Span<byte> associated = length <= StackLimit ? stackalloc byte[length] : new byte[length];
        scope.Write(associated, ordinal, partitionKey);
        return TryDecrypt(aes, associated, envelope, destination);
    }

    private static bool TryDecrypt(AesGcm aes, ReadOnlySpan<byte> associated, ReadOnlySpan<byte> envelope, Span<byte> destination)
    {
        var length = envelope.Length - RecordFlags.EncryptionOverhead;
        try
        {
            aes.Decrypt(
                envelope.Slice(HeaderBytes, NonceBytes),
                envelope.Slice(HeaderBytes + NonceBytes, length),
                envelope.Slice(HeaderBytes + NonceBytes + length, TagBytes),
                destination[..length],
                associated);
            return true;
        }
        catch (AuthenticationTagMismatchException)
        {
            return false;
        }
    }
}
