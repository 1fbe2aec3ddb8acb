using System.Text.Json;

namespace Orleans.Kinesis.Gateway.Rest;

/// <summary>Reads members of the AWS JSON documents the operations answer with.</summary>
internal static class RestJson
{
    public static readonly JsonSerializerOptions NodeOptions = new(JsonSerializerDefaults.General);

    public static string? String(JsonElement element, string name)
        => element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    public static string RequiredString(JsonElement element, string name) => String(element, name) ?? string.Empty;

    public static int Int(JsonElement element, string name)
        => element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number
            ? value.GetInt32()
            : 0;

    public static long? Long(JsonElement element, string name)
        => element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number
            ? value.GetInt64()
            : null;

    public static bool Bool(JsonElement element, string name)
        => element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;

    /// <summary>An AWS timestamp (epoch seconds with a fraction) as a UTC time.</summary>
    public static DateTimeOffset? Time(JsonElement element, string name)
        => element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number
            ? DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(value.GetDouble() * 1000))
            : null;

    public static JsonElement Member(JsonElement element, string name)
        => element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) ? value : default;

    public static JsonElement.ArrayEnumerator Array(JsonElement element, string name)
    {
        var value = Member(element, name);
        return value.ValueKind == JsonValueKind.Array ? value.EnumerateArray() : default;
    }
}
