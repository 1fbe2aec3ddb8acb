using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Orleans.Kinesis.Protocol.EventStream;

/// <summary>
/// Decodes event-stream messages, verifying both CRCs and the length fields (spec §6.3). Used by the tests and tools
/// that read SubscribeToShard responses; not on a hot path.
/// </summary>
public static class EventStreamReader
{
    private const int PreludeBytes = 12;
    private const int MinimumMessageBytes = PreludeBytes + 4;

    /// <summary>
    /// Takes one whole message from the front of <paramref name="buffer"/>; false when more bytes are needed.
    /// Throws <see cref="InvalidDataException"/> for a corrupt message.
    /// </summary>
    public static bool TryRead(ref ReadOnlySequence<byte> buffer, out EventStreamMessage? message)
    {
        message = null;
        if (buffer.Length < PreludeBytes)
        {
            return false;
        }

        Span<byte> prelude = stackalloc byte[PreludeBytes];
        buffer.Slice(0, PreludeBytes).CopyTo(prelude);
        var total = BinaryPrimitives.ReadInt32BigEndian(prelude);
        var headersLength = BinaryPrimitives.ReadInt32BigEndian(prelude[4..]);
        if (BinaryPrimitives.ReadUInt32BigEndian(prelude[8..]) != EventStreamCrc32.Compute(prelude[..8]))
        {
            throw new InvalidDataException("Event-stream prelude CRC mismatch.");
        }

        if (total < MinimumMessageBytes || headersLength < 0 || headersLength > total - MinimumMessageBytes)
        {
            throw new InvalidDataException($"Event-stream lengths are inconsistent: total {total}, headers {headersLength}.");
        }

        if (buffer.Length < total)
        {
            return false;
        }

        var bytes = buffer.Slice(0, total).ToArray();
        var expected = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(total - 4));
        if (expected != EventStreamCrc32.Compute(bytes.AsSpan(0, total - 4)))
        {
            throw new InvalidDataException("Event-stream message CRC mismatch.");
        }

        var headers = ReadHeaders(bytes.AsSpan(PreludeBytes, headersLength));
        var payload = bytes.AsSpan(PreludeBytes + headersLength, total - headersLength - MinimumMessageBytes).ToArray();
        message = new EventStreamMessage(headers, payload);
        buffer = buffer.Slice(total);
        return true;
    }

    /// <summary>Decodes every message in <paramref name="bytes"/>, which must end on a message boundary.</summary>
    public static List<EventStreamMessage> ReadAll(ReadOnlyMemory<byte> bytes)
    {
        var buffer = new ReadOnlySequence<byte>(bytes);
        var messages = new List<EventStreamMessage>();
        while (TryRead(ref buffer, out var message))
        {
            messages.Add(message!);
        }

        if (!buffer.IsEmpty)
        {
            throw new InvalidDataException($"{buffer.Length} bytes after the last whole message.");
        }

        return messages;
    }

    private static Dictionary<string, object> ReadHeaders(ReadOnlySpan<byte> span)
    {
        var headers = new Dictionary<string, object>(StringComparer.Ordinal);
        while (!span.IsEmpty)
        {
            int nameLength = span[0];
            var name = Encoding.UTF8.GetString(span.Slice(1, nameLength));
            var type = span[1 + nameLength];
            span = span[(2 + nameLength)..];
            object value;
            switch (type)
            {
                case 0:
                case 1:
                    value = type == 0;
                    break;
                case 2:
                    value = (sbyte)span[0];
                    span = span[1..];
                    break;
                case 3:
                    value = BinaryPrimitives.ReadInt16BigEndian(span);
                    span = span[2..];
                    break;
                case 4:
                    value = BinaryPrimitives.ReadInt32BigEndian(span);
                    span = span[4..];
                    break;
                case 5:
                case 8:
                    var number = BinaryPrimitives.ReadInt64BigEndian(span);
                    value = type == 8 ? DateTimeOffset.FromUnixTimeMilliseconds(number) : number;
                    span = span[8..];
                    break;
                case 6:
                case 7:
                    int length = BinaryPrimitives.ReadUInt16BigEndian(span);
                    var raw = span.Slice(2, length);
                    value = type == 7 ? Encoding.UTF8.GetString(raw) : raw.ToArray();
                    span = span[(2 + length)..];
                    break;
                case 9:
                    value = new Guid(span[..16], bigEndian: true);
                    span = span[16..];
                    break;
                default:
                    throw new InvalidDataException($"Unknown event-stream header type {type} for header '{name}'.");
            }

            if (!headers.TryAdd(name, value))
            {
                throw new InvalidDataException($"Header '{name}' appears twice.");
            }
        }

        return headers;
    }
}
