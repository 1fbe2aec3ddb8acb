using System.Buffers;
using System.Buffers.Text;
using System.Text;
using Orleans.Kinesis.Abstractions.Errors;
using Orleans.Kinesis.Protocol.Json;

namespace Orleans.Kinesis.Protocol.Records;

/// <summary>
/// Parses PutRecords and PutRecord bodies without turning Data into strings: partition keys are slices of the request
/// buffer unless they were escaped, and Data stays base64 text there once checked (it is decoded later, straight into
/// the memory sent to a shard). Firehose puts decode Data in place instead.
/// </summary>
public static class PutRecordsReader
{
    /// <summary>Entries a valid PutRecords holds at most: the entry array grows 16, 128, then straight to this (not 1,024).</summary>
    private const int MostRecords = 500;

    public static PutRecordsRequest ReadPutRecords(byte[] body, int length)
    {
        var request = new PutRecordsRequest();
        var reader = new RequestReader(body.AsSpan(0, length));
        while (reader.NextMember(out var name))
        {
            if (name.SequenceEqual("StreamName"u8))
            {
                request.StreamName = reader.ReadString();
            }
            else if (name.SequenceEqual("StreamARN"u8))
            {
                request.StreamArn = reader.ReadString();
            }
            else if (name.SequenceEqual("StreamId"u8))
            {
                request.StreamId = reader.ReadString();
            }
            else if (name.SequenceEqual("Records"u8))
            {
                ReadRecords(ref reader, body, request);
            }
            else
            {
                reader.Skip();
            }
        }

        return request;
    }

    public static PutRecordsRequest ReadPutRecord(byte[] body, int length)
    {
        var request = new PutRecordsRequest { Entries = new PutEntry[1], Count = 1, HasRecords = true };
        ref var entry = ref request.Entries[0];
        var reader = new RequestReader(body.AsSpan(0, length));
        while (reader.NextMember(out var name))
        {
            if (name.SequenceEqual("StreamName"u8))
            {
                request.StreamName = reader.ReadString();
            }
            else if (name.SequenceEqual("StreamARN"u8))
            {
                request.StreamArn = reader.ReadString();
            }
            else if (name.SequenceEqual("StreamId"u8))
            {
                request.StreamId = reader.ReadString();
            }
            else if (name.SequenceEqual("SequenceNumberForOrdering"u8))
            {
                request.SequenceNumberForOrdering = reader.ReadString();
            }
            else if (!ReadEntryMember(ref reader, name, body, ref entry, deferDecoding: true))
            {
                reader.Skip();
            }
        }

        request.TotalBytes = entry.PartitionKey.Length + entry.DataLength;
        return request;
    }

    private static void ReadRecords(ref RequestReader reader, byte[] body, PutRecordsRequest request)
    {
        if (!reader.BeginArray())
        {
            return;
        }

        request.HasRecords = true;
        var entries = new PutEntry[16];
        var count = 0;
        long total = 0;
        while (reader.NextElement())
        {
            if (count == entries.Length)
            {
                Array.Resize(ref entries, entries.Length == 128 ? MostRecords : entries.Length * (entries.Length < 128 ? 8 : 2));
            }

            ref var entry = ref entries[count];
            if (reader.BeginObject())
            {
                while (reader.NextMember(out var name))
                {
                    if (!ReadEntryMember(ref reader, name, body, ref entry, deferDecoding: true))
                    {
                        reader.Skip();
                    }
                }
            }

            total += entry.PartitionKey.Length + entry.DataLength;
            count++;
        }

        request.Entries = entries;
        request.Count = count;
        request.TotalBytes = total;
    }

    /// <param name="deferDecoding">Whether Data stays checked base64 text (<see cref="PutEntry.EncodedData"/>) rather than being decoded in place.</param>
    internal static bool ReadEntryMember(ref RequestReader reader, ReadOnlySpan<byte> name, byte[] body, ref PutEntry entry, bool deferDecoding)
    {
        if (name.SequenceEqual("Data"u8))
        {
            ReadData(ref reader, body, ref entry, deferDecoding);
            return true;
        }

        if (name.SequenceEqual("PartitionKey"u8))
        {
            ReadPartitionKey(ref reader, body, ref entry);
            return true;
        }

        if (name.SequenceEqual("ExplicitHashKey"u8))
        {
            entry.ExplicitHashKey = reader.ReadString();
            return true;
        }

        return false;
    }

    private static void ReadPartitionKey(ref RequestReader reader, byte[] body, ref PutEntry entry)
    {
        entry.HasPartitionKey = TryReadStringBytes(ref reader, body, out var key);
        entry.PartitionKey = key;
        if (entry.HasPartitionKey)
        {
            if (!System.Text.Unicode.Utf8.IsValid(key.Span))
            {
                throw RequestReader.InvalidUtf8();
            }

            entry.PartitionKeyChars = key.Length <= 256 ? CountChars(key.Span) : Encoding.UTF8.GetCharCount(key.Span);
        }
    }

    /// <summary>
    /// The UTF-8 bytes of a string member: a slice of the request buffer, or an unescaped copy when the JSON escaped
    /// it. False when the member is null; a non-string value throws the type mismatch.
    /// </summary>
    private static bool TryReadStringBytes(ref RequestReader reader, byte[] body, out Memory<byte> value)
    {
        value = default;
        if (reader.TokenType == System.Text.Json.JsonTokenType.Null)
        {
            return false;
        }

        if (reader.TokenType != System.Text.Json.JsonTokenType.String)
        {
            _ = reader.ReadString(); // throws the type mismatch
            return false;
        }

        if (reader.ValueIsEscaped)
        {
            var copy = new byte[reader.ValueSpan.Length];
            value = copy.AsMemory(0, reader.CopyString(copy));
        }
        else
        {
            value = body.AsMemory((int)reader.TokenStartIndex + 1, reader.ValueSpan.Length);
        }

        return true;
    }

    private static int CountChars(ReadOnlySpan<byte> utf8)
    {
        // Fast path for ASCII keys; otherwise count UTF-16 units like Java's String.length().
        return Ascii.IsValid(utf8) ? utf8.Length : Encoding.UTF8.GetCharCount(utf8);
    }

    private static void ReadData(ref RequestReader reader, byte[] body, ref PutEntry entry, bool deferDecoding)
    {
        entry.HasData = TryReadStringBytes(ref reader, body, out var encoded);
        entry.SetEncodedData(default, 0);
        if (!entry.HasData)
        {
            return;
        }

        if (encoded.Length % 4 != 0)
        {
            throw KinesisErrors.SerializationError(
                $"'{Shorten(encoded.Span)}' can not be converted to a Blob: Base64 encoded length is expected a multiple of 4 bytes but found: {encoded.Length}");
        }

        if (deferDecoding)
        {
            entry.SetEncodedData(encoded, CheckedDecodedLength(encoded.Span));
            return;
        }

        // Decoding in place overwrites the text, so keep its start for the error message.
        Span<byte> head = stackalloc byte[64];
        var headLength = Math.Min(encoded.Length, head.Length);
        encoded.Span[..headLength].CopyTo(head);
        if (Base64.DecodeFromUtf8InPlace(encoded.Span, out var decoded) != OperationStatus.Done)
        {
            throw InvalidBase64(head[..headLength]);
        }

        entry.Data = encoded[..decoded];
    }

    /// <summary>
    /// The length <paramref name="encoded"/> decodes to, found by decoding it into scratch memory: the same decoder
    /// (vectorized, unlike the in-place one) later writes the bytes where they go, so it accepts exactly what this accepts.
    /// </summary>
    private static int CheckedDecodedLength(ReadOnlySpan<byte> encoded)
    {
        var scratch = ArrayPool<byte>.Shared.Rent(Math.Max(1, Base64.GetMaxDecodedFromUtf8Length(encoded.Length)));
        try
        {
            return Base64.DecodeFromUtf8(encoded, scratch, out _, out var decoded) == OperationStatus.Done
                ? decoded
                : throw InvalidBase64(encoded);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(scratch);
        }
    }

    private static KinesisException InvalidBase64(ReadOnlySpan<byte> text)
        => KinesisErrors.SerializationError($"'{Shorten(text)}' can not be converted to a Blob: Invalid Base64 encoding");

    private static string Shorten(ReadOnlySpan<byte> text)
        => Encoding.UTF8.GetString(text.Length > 64 ? text[..64] : text);
}
