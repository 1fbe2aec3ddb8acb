using Orleans.Kinesis.Abstractions.Encryption;
using Orleans.Kinesis.Abstractions.Records;
using Orleans.Kinesis.Storage.Logs;

namespace Orleans.Kinesis.Grains.Firehose;

/// <summary>
/// Server-side encryption of a delivery stream's buffer: while encryption is ENABLED, records are sealed (AES-256-GCM)
/// into the buffer log at the ordinals they get, the associated data binding the buffer's folder (delivery stream
/// name and creation time) and the record's position (its RecordId); delivery opens them again, so the destination
/// gets the data as it was put. Each delivery stream incarnation has one data key derived from the master key (the
/// KMS key named in the configuration is reported, not used). One AES-GCM instance per append or read.
/// </summary>
public sealed class DeliveryBufferSealer(RecordCipher cipher)
{
    /// <summary>The flag bit of a sealed buffered record (bit 0 marks a record copied from a Kinesis source).</summary>
    public const byte SealedFlag = 0x02;
    private const string KeyName = "firehose buffer";
    private RecordScope? _scope;
    private string? _folder;

    /// <summary>Appends <paramref name="records"/> sealed; the log refuses the append if its next ordinal moves in between.</summary>
    public LogAppend Append(IRecordLog log, string logFolder, ReadOnlySpan<RecordEntry> records, long arrivalTimeMs)
    {
        using var key = Key(logFolder);
        var first = log.NextOrdinal;
        return log.Append(key.Seal(records, first, SealedFlag), arrivalTimeMs, first);
    }

    /// <summary>The size of a buffered record's data as it was put.</summary>
    public static int DataBytes(in RecordView record)
        => record.Data.Length - ((record.Flags & SealedFlag) != 0 ? RecordFlags.EncryptionOverhead : 0);

    /// <summary>
    /// <paramref name="stored"/> itself when it holds no sealed record; otherwise a batch of owned copies with the
    /// sealed records opened (and <paramref name="stored"/> disposed). Throws when a record does not authenticate.
    /// </summary>
    public RecordBatch Open(RecordBatch stored, string logFolder)
    {
        var records = stored.Records;
        long total = 0;
        var any = false;
        foreach (var record in records)
        {
            any |= (record.Flags & SealedFlag) != 0;
            total += record.PartitionKey.Length + DataBytes(record);
        }

        if (!any)
        {
            return stored;
        }

        using (stored)
        using (var sealingKey = Key(logFolder))
        {
            var bytes = GC.AllocateUninitializedArray<byte>(checked((int)total));
            var views = new RecordView[records.Length];
            var offset = 0;
            for (var i = 0; i < records.Length; i++)
            {
                var record = records[i];
                var key = new Memory<byte>(bytes, offset, record.PartitionKey.Length);
                record.PartitionKey.Span.CopyTo(key.Span);
                offset += key.Length;
                var data = new Memory<byte>(bytes, offset, DataBytes(record));
                offset += data.Length;
                if ((record.Flags & SealedFlag) == 0)
                {
                    record.Data.Span.CopyTo(data.Span);
                }
                else if (!sealingKey.TryOpen(record, data.Span))
                {
                    throw new InvalidDataException($"The buffered record {record.Ordinal} in {logFolder} does not open: it was not sealed for this place, or the master key changed.");
                }

                views[i] = new RecordView(record.Ordinal, record.ArrivalTimeMs, key, data, (byte)(record.Flags & ~SealedFlag));
            }

            return new RecordBatch(views, views.Length, stored.NextOrdinal, null);
        }
    }

    private SealingKey Key(string logFolder)
    {
        if (_scope is null || !string.Equals(_folder, logFolder, StringComparison.Ordinal))
        {
            _scope = new RecordScope(logFolder, 0, 0);
            _folder = logFolder;
        }

        return new SealingKey(cipher.DataKey(logFolder, KeyName), 0, _scope);
    }
}
