using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Orleans.Kinesis.Protocol.Json;

/// <summary>Shared settings and helpers for writing JSON 1.1 responses.</summary>
public static class ResponseWriting
{
    /// <summary>Writer options: no indentation, relaxed escaping (the output is never embedded in HTML).</summary>
    public static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    /// <summary>Writes a timestamp as AWS does: epoch seconds with millisecond fraction, e.g. <c>1705320000.123</c>.</summary>
    public static void WriteEpochSeconds(this Utf8JsonWriter writer, ReadOnlySpan<byte> propertyName, long epochMs)
    {
        writer.WritePropertyName(propertyName);
        WriteEpochSecondsValue(writer, epochMs);
    }

    public static void WriteEpochSecondsValue(this Utf8JsonWriter writer, long epochMs)
    {
        Span<byte> buffer = stackalloc byte[32];
        var written = 0;
        var seconds = Math.DivRem(epochMs, 1000, out var millis);
        if (epochMs < 0)
        {
            buffer[written++] = (byte)'-';
            seconds = -seconds;
            millis = -millis;
        }

        seconds.TryFormat(buffer[written..], out var digits, default, CultureInfo.InvariantCulture);
        written += digits;
        buffer[written++] = (byte)'.';
        buffer[written++] = (byte)('0' + (millis / 100));
        buffer[written++] = (byte)('0' + (millis / 10 % 10));
        buffer[written++] = (byte)('0' + (millis % 10));
        writer.WriteRawValue(buffer[..written], skipInputValidation: true);
    }
}
