using System.Text.Json;

namespace Orleans.Kinesis.Benchmarks;

/// <summary>Reads the few response members the harness needs with Utf8JsonReader.</summary>
internal static class WireJson
{
    /// <summary>The first string value of <paramref name="property"/> at any depth, or null.</summary>
    public static string? FindString(ReadOnlySpan<byte> json, string property)
    {
        var reader = new Utf8JsonReader(json);
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals(property))
            {
                reader.Read();
                return reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            }
        }

        return null;
    }

    /// <summary>The first integer value of <paramref name="property"/> at any depth, or null.</summary>
    public static long? FindInt64(ReadOnlySpan<byte> json, string property)
    {
        var reader = new Utf8JsonReader(json);
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals(property))
            {
                reader.Read();
                return reader.TokenType == JsonTokenType.Number ? (long)reader.GetDouble() : null;
            }
        }

        return null;
    }

    /// <summary>Counts records and their decoded data bytes without decoding the base64.</summary>
    public static GetRecordsPage ReadGetRecords(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        var records = 0;
        long dataBytes = 0;
        string? next = null;
        long? behind = null;
        while (reader.Read())
        {
            if (reader.TokenType != JsonTokenType.PropertyName)
            {
                continue;
            }

            if (reader.CurrentDepth == 3 && reader.ValueTextEquals("Data"))
            {
                reader.Read();
                var length = reader.ValueIsEscaped ? reader.GetString()!.Length : reader.ValueSpan.Length;
                dataBytes += DecodedLength(reader, length);
                records++;
            }
            else if (reader.CurrentDepth == 1 && reader.ValueTextEquals("NextShardIterator"))
            {
                reader.Read();
                next = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            }
            else if (reader.CurrentDepth == 1 && reader.ValueTextEquals("MillisBehindLatest"))
            {
                reader.Read();
                behind = (long)reader.GetDouble();
            }
        }

        return new GetRecordsPage(records, dataBytes, next, behind);
    }

    private static long DecodedLength(Utf8JsonReader reader, int base64Length)
    {
        if (base64Length == 0)
        {
            return 0;
        }

        var padding = 0;
        if (!reader.ValueIsEscaped)
        {
            var span = reader.ValueSpan;
            padding = span[^1] == (byte)'=' ? (span[^2] == (byte)'=' ? 2 : 1) : 0;
        }
        else
        {
            var text = reader.GetString()!;
            padding = text.EndsWith("==", StringComparison.Ordinal) ? 2 : text.EndsWith('=') ? 1 : 0;
        }

        return (base64Length / 4 * 3) - padding;
    }
}
