using System.Buffers;
using Orleans.Kinesis.Abstractions.Errors;
using Orleans.Kinesis.Abstractions.Grains;
using Orleans.Kinesis.Abstractions.Records;

namespace Orleans.Kinesis.Abstractions.Encryption;

/// <summary>
/// Opens the encrypted records of one shard read: one <see cref="SealingKey"/> per key slot met, one scratch buffer
/// reused for every record. Dispose releases both.
/// </summary>
public sealed class RecordOpener : IDisposable
{
    private readonly RecordCipher _cipher;
    private readonly StreamSnapshot _snapshot;
    private readonly RecordScope _scope;
    private readonly Dictionary<int, SealingKey> _keys = [];
    private byte[] _scratch = [];

    /// <summary>An opener of the records of shard <paramref name="shardIndex"/> of the stream incarnation <paramref name="snapshot"/> describes.</summary>
    public RecordOpener(RecordCipher cipher, StreamSnapshot snapshot, int shardIndex)
    {
        _cipher = cipher;
        _snapshot = snapshot;
        _scope = RecordScope.ForShard(snapshot, shardIndex);
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

        if (!_keys.TryGetValue(slot, out var key))
        {
            key = new SealingKey(_cipher.DataKey(_snapshot.StorageFolder, _snapshot.EncryptionKeys[slot]), slot, _scope);
            _keys[slot] = key;
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

        if (!key.TryOpen(record, _scratch))
        {
            throw Unreadable();
        }

        return _scratch.AsSpan(0, length);
    }

    public void Dispose()
    {
        foreach (var key in _keys.Values)
        {
            key.Dispose();
        }

        _keys.Clear();
        if (_scratch.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_scratch);
            _scratch = [];
        }
    }

    /// <summary>
    /// A record that does not open with the key it names: the master key changed, or the log was tampered with (a
    /// ciphertext moved to another record, shard or stream). Answered as today for any unreadable record, never with
    /// another record's data.
    /// </summary>
    private static KinesisException Unreadable()
        => new(KinesisErrors.InternalFailure, "Internal service failure.", 500);
}
