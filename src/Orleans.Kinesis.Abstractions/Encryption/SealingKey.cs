using System.Security.Cryptography;
using Orleans.Kinesis.Abstractions.Records;

namespace Orleans.Kinesis.Abstractions.Encryption;

/// <summary>
/// One data key of one log (<see cref="RecordScope"/>), ready to seal records at the ordinals they are about to get and
/// to open them again. Not thread-safe (one AES-GCM instance); Dispose releases it.
/// </summary>
public sealed class SealingKey : IDisposable
{
    private readonly AesGcm _aes;
    private readonly RecordScope _scope;

    /// <param name="dataKey">A 32-byte key from <see cref="RecordCipher.DataKey"/>.</param>
    /// <param name="slot">The key slot envelopes name.</param>
    /// <param name="scope">The log the records live in.</param>
    public SealingKey(byte[] dataKey, int slot, RecordScope scope)
    {
        _aes = new AesGcm(dataKey, 16);
        Slot = slot;
        _scope = scope;
    }

    public int Slot { get; }

    /// <summary>
    /// Seals the records that will get ordinals <paramref name="firstOrdinal"/>, +1, … into one new array; the
    /// entries returned carry <paramref name="sealedFlag"/> besides their own flags and keep their partition keys.
    /// </summary>
    public RecordEntry[] Seal(ReadOnlySpan<RecordEntry> records, long firstOrdinal, byte sealedFlag)
    {
        long total = 0;
        foreach (ref readonly var record in records)
        {
            total += record.Data.Length + RecordFlags.EncryptionOverhead;
        }

        var bytes = GC.AllocateUninitializedArray<byte>(checked((int)total));
        var sealedRecords = new RecordEntry[records.Length];
        var offset = 0;
        for (var i = 0; i < records.Length; i++)
        {
            ref readonly var record = ref records[i];
            var envelope = new Memory<byte>(bytes, offset, record.Data.Length + RecordFlags.EncryptionOverhead);
            RecordCipher.Seal(_aes, Slot, _scope, firstOrdinal + i, record.PartitionKey.Span, record.Data.Span, envelope.Span);
            sealedRecords[i] = new RecordEntry(record.PartitionKey, envelope, (byte)(record.Flags | sealedFlag));
            offset += envelope.Length;
        }

        return sealedRecords;
    }

    /// <summary>Opens a sealed record into <paramref name="destination"/> (its data length less the overhead); false when it does not authenticate.</summary>
    public bool TryOpen(in RecordView record, Span<byte> destination)
        => record.Data.Length >= RecordFlags.EncryptionOverhead
        && RecordCipher.TryOpen(_aes, _scope, record.Ordinal, record.PartitionKey.Span, record.Data.Span, destination);

    public void Dispose() => _aes.Dispose();
}
