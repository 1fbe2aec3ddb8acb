using System.Text.Json;
using Orleans.Kinesis.Abstractions.Encryption;
using Orleans.Kinesis.Abstractions.Ids;
using Orleans.Kinesis.Abstractions.Records;
using Orleans.Kinesis.Protocol.Json;

namespace Orleans.Kinesis.Gateway.Records;

/// <summary>Writes Record shapes straight from the log's bytes: Data as base64, partition keys as UTF-8.</summary>
public static class RecordsJson
{
    /// <summary>An upper estimate of the JSON size of the records, to size the response buffer once.</summary>
    public static long EstimateBytes(ReadOnlySpan<RecordView> records)
    {
        long estimate = 256;
        foreach (var record in records)
        {
            estimate += 160 + (record.PartitionKey.Length * 6L) + ((record.Data.Length + 2L) / 3 * 4);
        }

        return estimate;
    }

    /// <summary>Writes the <c>Records</c> array member.</summary>
    /// <remarks>Encrypted records are opened with <paramref name="opener"/> and carry <c>EncryptionType: KMS</c>.</remarks>
    public static void WriteRecords(Utf8JsonWriter writer, ReadOnlySpan<RecordView> records, int shardIndex, uint sequenceTag, RecordOpener? opener = null)
    {
        Span<byte> sequence = stackalloc byte[SequenceNumber.MaxDigits + 1];
        writer.WriteStartArray("Records"u8);
        foreach (var record in records)
        {
            writer.WriteStartObject();
            SequenceNumber.Create(shardIndex, (ulong)record.Ordinal + 1, sequenceTag).TryFormat(sequence, out var length);
            writer.WriteString("SequenceNumber"u8, sequence[..length]);
            writer.WriteEpochSeconds("ApproximateArrivalTimestamp"u8, record.ArrivalTimeMs);
            var encrypted = (record.Flags & RecordFlags.Encrypted) != 0 && opener is not null;
            writer.WriteBase64String("Data"u8, encrypted ? opener!.Open(record) : record.Data.Span);
            writer.WriteString("PartitionKey"u8, record.PartitionKey.Span);
            if (encrypted)
            {
                writer.WriteString("EncryptionType"u8, "KMS"u8);
            }
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }
}
