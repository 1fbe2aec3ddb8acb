using Orleans.Kinesis.Abstractions.Grains;
using Orleans.Kinesis.Abstractions.Records;

namespace Orleans.Kinesis.Gateway.Encryption;

/// <summary><see cref="IRecordDecryptor"/> on the gateway's <see cref="RecordCipher"/>.</summary>
internal sealed class RecordDecryptor(RecordCipher cipher) : IRecordDecryptor
{
    public ReadOnlyMemory<byte>[] Open(StreamSnapshot snapshot, ReadOnlySpan<RecordView> records)
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

        using var opener = new RecordOpener(cipher, snapshot);
        for (var i = 0; i < records.Length; i++)
        {
            data[i] = (records[i].Flags & RecordFlags.Encrypted) != 0 ? opener.Open(records[i]).ToArray() : records[i].Data;
        }

        return data;
    }
}
