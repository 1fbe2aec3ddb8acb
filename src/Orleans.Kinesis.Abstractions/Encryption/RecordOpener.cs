using System.Buffers;
using System.Security.Cryptography;
using Orleans.Kinesis.Abstractions.Errors;
using Orleans.Kinesis.Abstractions.Grains;
using Orleans.Kinesis.Abstractions.Records;

namespace Orleans.Kinesis.Abstractions.Encryption;

/// <summary>
/// Opens the encrypted records of one response: one AES-GCM instance per key slot met, one scratch buffer reused for
/// every record. Dispose releases both.
/// </summary>
public sealed class RecordOpener : IDisposable
{
    private readonly RecordCipher _cipher;
    private readonly StreamSnapshot _snapshot;
    private readonly Dictionary<int, AesGcm> _keys = [];
    private byte[] _scratch = [];

    public RecordOpener(RecordCipher cipher, StreamSnapshot snapshot)
    {
        _cipher = cipher;
        _snapshot = snapshot;
    }

    /// <summary>Whether any of the records is encrypted.</summary>
    public static bool AnyEncrypted(ReadOnlySpan<RecordView> records, out int highestSlot)
    {
        highestSlot = -1;
        foreach (var record in records)
        {
            if ((record.Flags & RecordFlags.Encrypted) != 0)
            {
                highestSlot = Math.Max(highestSlot, RecordCipher.SlotOf(record.Data.Span));
            }
        }

        return highestSlot >= 0;
    }

    /// <summary>The plaintext of an encrypted record; valid until the next call or <see cref="Dispose"/>.</summary>
    public ReadOnlySpan<byte> Open(in RecordView record)
    {
        var envelope = record.Data.Span;
        var slot = RecordCipher.SlotOf(envelope);
        if (slot < 0 || slot >= _snapshot.EncryptionKeys.Count)
        {
            throw Unreadable();
        }

        if (!_keys.TryGetValue(slot, out var aes))
        {
            aes = new AesGcm(_cipher.DataKey(_snapshot.StorageFolder, _snapshot.EncryptionKeys[slot]), 16);
            _keys[slot] = aes;
        }

        var length = envelope.Length - RecordFlags.EncryptionOverhead;
        if (_scratch.Length < length)
        {
            if (_scratch.Length > 0)
            {
                ArrayPool<byte>.Shared.Return(_scratch);
            }

            _scratch = ArrayPool<byte>.Shared.Rent(Math.Max(length, 4096));
        }

        if (!RecordCipher.TryOpen(aes, record.PartitionKey.Span, envelope, _scratch))
        {
            throw Unreadable();
        }

        return _scratch.AsSpan(0, length);
    }

    public void Dispose()
    {
        foreach (var aes in _keys.Values)
        {
            aes.Dispose();
        }

        _keys.Clear();
        if (_scratch.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_scratch);
            _scratch = [];
        }
    }

    /// <summary>A record that does not open with the key it names: the master key changed or the log was tampered with.</summary>
    private static KinesisException Unreadable()
        => new(KinesisErrors.InternalFailure, "Internal service failure.", 500);
}
