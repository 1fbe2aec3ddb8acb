using System.Buffers;
using System.Buffers.Binary;
using System.Text.Json;
using Orleans.Kinesis.Abstractions.Errors;
using Orleans.Kinesis.Protocol.Json;

namespace Orleans.Kinesis.Protocol.Cbor;

/// <summary>
/// Transcodes a CBOR request body (<c>application/x-amz-cbor-1.1</c>) to the equivalent JSON 1.1 body, so every
/// handler serves both protocols: byte strings become base64 strings, tag 1 timestamps (integer milliseconds, as the
/// AWS SDKs send them, or float seconds) become epoch-second numbers, indefinite lengths are accepted.
/// </summary>
public static class CborToJson
{
    private const int MaxDepth = 32;

    public static void Transcode(ReadOnlySpan<byte> cbor, IBufferWriter<byte> json)
    {
        using var writer = new Utf8JsonWriter(json, ResponseWriting.WriterOptions);
        var position = 0;
        try
        {
            WriteItem(cbor, ref position, writer, 0);
        }
        catch (Exception error) when (error is IndexOutOfRangeException or ArgumentOutOfRangeException or InvalidOperationException or FormatException or OverflowException)
        {
            throw KinesisErrors.SerializationError("Malformed CBOR request body");
        }

        if (position != cbor.Length)
        {
            throw KinesisErrors.SerializationError("Malformed CBOR request body: data after the top-level item");
        }
    }

    private static void WriteItem(ReadOnlySpan<byte> cbor, ref int position, Utf8JsonWriter writer, int depth)
    {
        if (depth > MaxDepth)
        {
            throw KinesisErrors.SerializationError("CBOR request body is nested too deeply");
        }

        var initial = cbor[position++];
        var major = initial >> 5;
        var info = initial & 0x1f;
        switch (major)
        {
            case 0:
                writer.WriteNumberValue(ReadArgument(cbor, ref position, info));
                break;
            case 1:
                writer.WriteNumberValue(-1 - checked((long)ReadArgument(cbor, ref position, info)));
                break;
            case 2:
                writer.WriteBase64StringValue(ReadString(cbor, ref position, info, major));
                break;
            case 3:
                writer.WriteStringValue(ReadString(cbor, ref position, info, major));
                break;
            case 4:
                writer.WriteStartArray();
                ForEach(cbor, ref position, info, writer, depth, isMap: false);
                writer.WriteEndArray();
                break;
            case 5:
                writer.WriteStartObject();
                ForEach(cbor, ref position, info, writer, depth, isMap: true);
                writer.WriteEndObject();
                break;
            case 6:
                WriteTagged(cbor, ref position, ReadArgument(cbor, ref position, info), writer, depth);
                break;
            default:
                WriteSimple(cbor, ref position, info, writer);
                break;
        }
    }

    private static void ForEach(ReadOnlySpan<byte> cbor, ref int position, int info, Utf8JsonWriter writer, int depth, bool isMap)
    {
        var indefinite = info == 31;
        var count = indefinite ? ulong.MaxValue : ReadArgument(cbor, ref position, info);
        for (ulong i = 0; i < count; i++)
        {
            if (indefinite && cbor[position] == 0xff)
            {
                position++;
                return;
            }

            if (isMap)
            {
                var keyInitial = cbor[position++];
                if (keyInitial >> 5 != 3)
                {
                    throw KinesisErrors.SerializationError("CBOR map keys must be text strings");
                }

                writer.WritePropertyName(ReadString(cbor, ref position, keyInitial & 0x1f, 3));
            }

            WriteItem(cbor, ref position, writer, depth + 1);
        }
    }

    private static void WriteTagged(ReadOnlySpan<byte> cbor, ref int position, ulong tag, Utf8JsonWriter writer, int depth)
    {
        if (tag != 1)
        {
            WriteItem(cbor, ref position, writer, depth + 1); // other tags: the content as it is
            return;
        }

        // Tag 1 (epoch time): the SDKs send integer milliseconds; a float is seconds as RFC 8949 has it.
        var initial = cbor[position];
        var major = initial >> 5;
        if (major is 0 or 1)
        {
            position++;
            var raw = ReadArgument(cbor, ref position, initial & 0x1f);
            var ms = major == 0 ? checked((long)raw) : -1 - checked((long)raw);
            writer.WriteEpochSecondsValue(ms);
            return;
        }

        WriteItem(cbor, ref position, writer, depth + 1);
    }

    private static void WriteSimple(ReadOnlySpan<byte> cbor, ref int position, int info, Utf8JsonWriter writer)
    {
        switch (info)
        {
            case 20:
                writer.WriteBooleanValue(false);
                break;
            case 21:
                writer.WriteBooleanValue(true);
                break;
            case 22 or 23:
                writer.WriteNullValue();
                break;
            case 25:
                writer.WriteNumberValue((double)BinaryPrimitives.ReadHalfBigEndian(cbor.Slice(position, 2)));
                position += 2;
                break;
            case 26:
                writer.WriteNumberValue(BinaryPrimitives.ReadSingleBigEndian(cbor.Slice(position, 4)));
                position += 4;
                break;
            case 27:
                writer.WriteNumberValue(BinaryPrimitives.ReadDoubleBigEndian(cbor.Slice(position, 8)));
                position += 8;
                break;
            default:
                throw KinesisErrors.SerializationError("Unsupported CBOR simple value");
        }
    }

    private static ReadOnlySpan<byte> ReadString(ReadOnlySpan<byte> cbor, ref int position, int info, int major)
    {
        if (info != 31)
        {
            var length = checked((int)ReadArgument(cbor, ref position, info));
            var value = cbor.Slice(position, length);
            position += length;
            return value;
        }

        // Indefinite length: concatenate the definite-length chunks up to the break.
        var chunks = new ArrayBufferWriter<byte>();
        while (cbor[position] != 0xff)
        {
            var chunkInitial = cbor[position++];
            if (chunkInitial >> 5 != major || (chunkInitial & 0x1f) == 31)
            {
                throw KinesisErrors.SerializationError("Malformed indefinite-length CBOR string");
            }

            chunks.Write(ReadString(cbor, ref position, chunkInitial & 0x1f, major));
        }

        position++;
        return chunks.WrittenSpan;
    }

    private static ulong ReadArgument(ReadOnlySpan<byte> cbor, ref int position, int info)
    {
        ulong value;
        switch (info)
        {
            case < 24:
                return (ulong)info;
            case 24:
                value = cbor[position];
                position += 1;
                return value;
            case 25:
                value = BinaryPrimitives.ReadUInt16BigEndian(cbor.Slice(position, 2));
                position += 2;
                return value;
            case 26:
                value = BinaryPrimitives.ReadUInt32BigEndian(cbor.Slice(position, 4));
                position += 4;
                return value;
            case 27:
                value = BinaryPrimitives.ReadUInt64BigEndian(cbor.Slice(position, 8));
                position += 8;
                return value;
            default:
                throw KinesisErrors.SerializationError("Malformed CBOR item header");
        }
    }
}
