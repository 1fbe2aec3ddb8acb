using System.Buffers;
using System.Buffers.Binary;
using System.Buffers.Text;
using System.Text.Json;

namespace Orleans.Kinesis.Protocol.Cbor;

/// <summary>
/// Transcodes a JSON 1.1 response body to CBOR for clients that asked in CBOR. The response shapes are the API's own,
/// so the two JSON-only encodings are recognised by member name: <c>Data</c> (a blob: base64 in JSON, a byte string in
/// CBOR) and the timestamp members (epoch seconds in JSON, tag 1 with integer milliseconds in CBOR, as the SDKs expect).
/// </summary>
public static class JsonToCbor
{
    private static readonly HashSet<string> TimestampMembers = new(StringComparer.Ordinal)
    {
        "ApproximateArrivalTimestamp", "StreamCreationTimestamp", "ConsumerCreationTimestamp", "Timestamp",
        "StartedAt", "EndedAt", "EarliestAllowedEndAt",
    };

    public static void Transcode(ReadOnlySpan<byte> json, IBufferWriter<byte> cbor)
    {
        var reader = new Utf8JsonReader(json);
        if (!reader.Read())
        {
            return;
        }

        WriteValue(ref reader, cbor, member: null);
    }

    private static void WriteValue(ref Utf8JsonReader reader, IBufferWriter<byte> cbor, string? member)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                WriteContainer(ref reader, cbor, 5, JsonTokenType.EndObject);
                break;
            case JsonTokenType.StartArray:
                WriteContainer(ref reader, cbor, 4, JsonTokenType.EndArray, member);
                break;
            case JsonTokenType.String when member == "Data":
                var text = reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan.ToArray();
                var bytes = new byte[Base64.GetMaxDecodedFromUtf8Length(text.Length)];
                Base64.DecodeFromUtf8(text, bytes, out _, out var written);
                WriteHeader(cbor, 2, (ulong)written);
                cbor.Write(bytes.AsSpan(0, written));
                break;
            case JsonTokenType.String:
                var value = reader.GetString()!;
                var utf8 = System.Text.Encoding.UTF8.GetBytes(value);
                WriteHeader(cbor, 3, (ulong)utf8.Length);
                cbor.Write(utf8);
                break;
            case JsonTokenType.Number when member is not null && TimestampMembers.Contains(member):
                WriteHeader(cbor, 6, 1);
                WriteInteger(cbor, (long)Math.Round(reader.GetDouble() * 1000.0, MidpointRounding.AwayFromZero));
                break;
            case JsonTokenType.Number:
                if (reader.TryGetInt64(out var integer))
                {
                    WriteInteger(cbor, integer);
                }
                else
                {
                    var span = cbor.GetSpan(9);
                    span[0] = 0xfb;
                    BinaryPrimitives.WriteDoubleBigEndian(span[1..], reader.GetDouble());
                    cbor.Advance(9);
                }

                break;
            case JsonTokenType.True:
                cbor.Write([(byte)0xf5]);
                break;
            case JsonTokenType.False:
                cbor.Write([(byte)0xf4]);
                break;
            default:
                cbor.Write([(byte)0xf6]);
                break;
        }
    }

    /// <summary>Containers are written with indefinite length (allowed by CBOR; lengths are not known up front).</summary>
    private static void WriteContainer(ref Utf8JsonReader reader, IBufferWriter<byte> cbor, int major, JsonTokenType end, string? member = null)
    {
        cbor.Write([(byte)((major << 5) | 31)]);
        while (reader.Read() && reader.TokenType != end)
        {
            var elementMember = member;
            if (major == 5)
            {
                elementMember = reader.GetString()!;
                var name = System.Text.Encoding.UTF8.GetBytes(elementMember);
                WriteHeader(cbor, 3, (ulong)name.Length);
                cbor.Write(name);
                reader.Read();
            }

            WriteValue(ref reader, cbor, elementMember);
        }

        cbor.Write([(byte)0xff]);
    }

    private static void WriteInteger(IBufferWriter<byte> cbor, long value)
    {
        if (value >= 0)
        {
            WriteHeader(cbor, 0, (ulong)value);
        }
        else
        {
            WriteHeader(cbor, 1, (ulong)(-1 - value));
        }
    }

    private static void WriteHeader(IBufferWriter<byte> cbor, int major, ulong argument)
    {
        var span = cbor.GetSpan(9);
        var top = (byte)(major << 5);
        int length;
        if (argument < 24)
        {
            span[0] = (byte)(top | (byte)argument);
            length = 1;
        }
        else if (argument <= byte.MaxValue)
        {
            span[0] = (byte)(top | 24);
            span[1] = (byte)argument;
            length = 2;
        }
        else if (argument <= ushort.MaxValue)
        {
            span[0] = (byte)(top | 25);
            BinaryPrimitives.WriteUInt16BigEndian(span[1..], (ushort)argument);
            length = 3;
        }
        else if (argument <= uint.MaxValue)
        {
            span[0] = (byte)(top | 26);
            BinaryPrimitives.WriteUInt32BigEndian(span[1..], (uint)argument);
            length = 5;
        }
        else
        {
            span[0] = (byte)(top | 27);
            BinaryPrimitives.WriteUInt64BigEndian(span[1..], argument);
            length = 9;
        }

        cbor.Advance(length);
    }
}
