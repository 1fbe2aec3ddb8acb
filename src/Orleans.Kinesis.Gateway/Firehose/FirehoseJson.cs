using System.Globalization;
using System.Text.Json;
using Orleans.Kinesis.Abstractions.Errors;

namespace Orleans.Kinesis.Gateway.Firehose;

/// <summary>
/// Typed reads of Firehose control-plane members from a parsed body: <c>null</c> means absent, a value of the
/// wrong JSON type is a SerializationException (as for every JSON 1.1 service).
/// </summary>
public static class FirehoseJson
{
    public static JsonDocument Parse(ReadOnlySpan<byte> body)
    {
        try
        {
            var document = JsonDocument.Parse(body.ToArray(), new JsonDocumentOptions { MaxDepth = 32 });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                document.Dispose();
                throw KinesisErrors.SerializationError("Start of structure or map expected but not found");
            }

            return document;
        }
        catch (JsonException)
        {
            throw KinesisErrors.SerializationError("Malformed JSON request body");
        }
    }

    public static JsonElement? Member(JsonElement parent, string name, JsonValueKind kind)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != kind && !(kind == JsonValueKind.True && value.ValueKind == JsonValueKind.False))
        {
            throw KinesisErrors.SerializationError(kind switch
            {
                JsonValueKind.Object => $"Start of structure or map expected for member {name}",
                JsonValueKind.Array => $"Start of list expected for member {name}",
                JsonValueKind.String => $"STRING_VALUE can not be converted to a String for member {name}",
                JsonValueKind.Number => $"NUMBER_VALUE expected for member {name}",
                _ => $"Boolean value expected for member {name}",
            });
        }

        return value;
    }

    public static JsonElement? Object(JsonElement parent, string name) => Member(parent, name, JsonValueKind.Object);

    public static JsonElement? Array(JsonElement parent, string name) => Member(parent, name, JsonValueKind.Array);

    public static string? String(JsonElement parent, string name)
    {
        try
        {
            return Member(parent, name, JsonValueKind.String)?.GetString();
        }
        catch (InvalidOperationException)
        {
            // Bytes that are not UTF-8 inside a string: a body the service cannot deserialize, not a server fault.
            throw KinesisErrors.SerializationError($"Invalid UTF-8 in member {name}");
        }
    }

    public static bool? Boolean(JsonElement parent, string name) => Member(parent, name, JsonValueKind.True)?.GetBoolean();

    public static int? Int32(JsonElement parent, string name)
    {
        if (Member(parent, name, JsonValueKind.Number) is not { } value)
        {
            return null;
        }

        return value.TryGetInt32(out var whole) ? whole
            : value.TryGetDouble(out var real) && real is > int.MinValue and < int.MaxValue ? (int)real
            : real > 0 ? int.MaxValue : int.MinValue;
    }

    public static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
