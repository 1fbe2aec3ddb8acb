using System.Text;
using System.Text.Json;

namespace Orleans.Streaming.Kinesis.Streams;

/// <summary>
/// Turns Orleans stream events into Kinesis record data and back: <c>byte[]</c> as is, <c>string</c> as UTF-8,
/// <see cref="KinesisStreamRecord"/> as its data, anything else as JSON (System.Text.Json).
/// </summary>
internal static class EventCodec
{
    public static byte[] Encode<T>(T item) => item switch
    {
        byte[] bytes => bytes,
        ReadOnlyMemory<byte> memory => memory.ToArray(),
        string text => Encoding.UTF8.GetBytes(text),
        KinesisStreamRecord record => record.Data,
        _ => JsonSerializer.SerializeToUtf8Bytes(item),
    };

    /// <summary>The record as a <typeparamref name="T"/>; false when its data is not valid JSON for that type.</summary>
    public static bool TryDecode<T>(KinesisStreamRecord record, out T value)
    {
        object? decoded = typeof(T) == typeof(KinesisStreamRecord) ? record
            : typeof(T) == typeof(byte[]) ? record.Data
            : typeof(T) == typeof(ReadOnlyMemory<byte>) ? new ReadOnlyMemory<byte>(record.Data)
            : typeof(T) == typeof(string) ? Encoding.UTF8.GetString(record.Data)
            : null;
        if (decoded is not null)
        {
            value = (T)decoded;
            return true;
        }

        try
        {
            value = JsonSerializer.Deserialize<T>(record.Data)!;
            return value is not null;
        }
        catch (JsonException)
        {
            value = default!;
            return false;
        }
    }
}
