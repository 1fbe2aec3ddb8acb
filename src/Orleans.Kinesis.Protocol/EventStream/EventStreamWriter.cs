using System.Buffers;
using System.Buffers.Binary;

namespace Orleans.Kinesis.Protocol.EventStream;

/// <summary>
/// Encodes event-stream messages (spec §6.3): a 12-byte prelude (total length, headers length, CRC-32 of the first
/// 8 bytes), string headers, the payload and a CRC-32 of everything before it. Kinesis messages carry three string
/// headers: the message type, the event or exception type and the payload's content type.
/// </summary>
public static class EventStreamWriter
{
    /// <summary>Largest payload a service may send.</summary>
    public const int MaxPayloadBytes = 24 * 1024 * 1024;

    private const int PreludeBytes = 12;
    private const int StringType = 7;

    /// <summary>An <c>event</c> message of <paramref name="eventType"/> with a JSON payload.</summary>
    public static void WriteEvent(IBufferWriter<byte> output, ReadOnlySpan<byte> eventType, ReadOnlySpan<byte> payload)
        => Write(output, EventStreamTokens.Event, EventStreamTokens.EventTypeHeader, eventType, payload);

    /// <summary>An <c>exception</c> message naming the modelled error, with a JSON payload such as <c>{"message":"…"}</c>.</summary>
    public static void WriteException(IBufferWriter<byte> output, ReadOnlySpan<byte> exceptionType, ReadOnlySpan<byte> payload)
        => Write(output, EventStreamTokens.Exception, EventStreamTokens.ExceptionTypeHeader, exceptionType, payload);

    private static int HeadersLength(int messageTypeLength, int typeHeaderNameLength, int typeLength)
        => HeaderLength(EventStreamTokens.MessageTypeHeader.Length, messageTypeLength)
            + HeaderLength(typeHeaderNameLength, typeLength)
            + HeaderLength(EventStreamTokens.ContentTypeHeader.Length, EventStreamTokens.Json.Length);

    private static int HeaderLength(int nameLength, int valueLength) => 1 + nameLength + 1 + 2 + valueLength;

    private static void Write(IBufferWriter<byte> output, ReadOnlySpan<byte> messageType, ReadOnlySpan<byte> typeHeader, ReadOnlySpan<byte> type, ReadOnlySpan<byte> payload)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(payload.Length, MaxPayloadBytes, nameof(payload));
        var headersLength = HeadersLength(messageType.Length, typeHeader.Length, type.Length);
        var total = PreludeBytes + headersLength + payload.Length + 4;
        var span = output.GetSpan(total)[..total];

        BinaryPrimitives.WriteInt32BigEndian(span, total);
        BinaryPrimitives.WriteInt32BigEndian(span[4..], headersLength);
        var preludeCrc = EventStreamCrc32.Compute(span[..8]);
        BinaryPrimitives.WriteUInt32BigEndian(span[8..], preludeCrc);

        var at = PreludeBytes;
        at += WriteHeader(span[at..], EventStreamTokens.MessageTypeHeader, messageType);
        at += WriteHeader(span[at..], typeHeader, type);
        at += WriteHeader(span[at..], EventStreamTokens.ContentTypeHeader, EventStreamTokens.Json);
        payload.CopyTo(span[at..]);
        at += payload.Length;

        // The message CRC covers bytes 0..at, i.e. it continues the prelude CRC over bytes 8..at.
        var messageCrc = EventStreamCrc32.Append(preludeCrc, span[8..at]);
        BinaryPrimitives.WriteUInt32BigEndian(span[at..], messageCrc);
        output.Advance(total);
    }

    private static int WriteHeader(Span<byte> span, ReadOnlySpan<byte> name, ReadOnlySpan<byte> value)
    {
        span[0] = (byte)name.Length;
        name.CopyTo(span[1..]);
        var at = 1 + name.Length;
        span[at] = StringType;
        BinaryPrimitives.WriteUInt16BigEndian(span[(at + 1)..], (ushort)value.Length);
        value.CopyTo(span[(at + 3)..]);
        return at + 3 + value.Length;
    }
}
