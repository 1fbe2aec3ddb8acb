using Orleans.Kinesis.Abstractions.Grains;
using Orleans.Kinesis.Abstractions.Records;

namespace Orleans.Kinesis.Abstractions.Encryption;

/// <summary>
/// Opens records a stream stored encrypted (<see cref="RecordFlags.Encrypted"/>) for readers that are not the gateway
/// (a Firehose delivery stream reading a Kinesis stream).
/// </summary>
public sealed class RecordDecryptor(RecordCipher cipher)
{
    /// <summary>
    /// The data of each record in the clear: unencrypted records as they are, encrypted ones opened into new arrays.
    /// The records come from shard <paramref name="shardIndex"/>. Throws when a record was sealed under a key <paramref name="snapshot"/> does not list yet (read it again).
    /// </summary>
    public ReadOnlyMemory<byte>[] Open(StreamSnapshot snapshot, int shardIndex, ReadOnlySpan<RecordView> records)
    {
        var data = new ReadOnlyMemory<byte>[records.Length];
        if (!RecordOpener.AnyEncrypted(records, out _))
        {
            for (var i = 0; i < records.Length; i++)
            {
                data[i] = records[i].Data;
            }

            return data;
        }

        using var opener = new RecordOpener(cipher, snapshot, shardIndex);
        for (var i = 0; i < records.Length; i++)
        {
            data[i] = (records[i].Flags & RecordFlags.Encrypted) != 0 ? opener.Open(records[i]).ToArray() : records[i].Data;
        }

        return data;
    }
}
