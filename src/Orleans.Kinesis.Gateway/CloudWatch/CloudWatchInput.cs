using System.Globalization;
using System.Text.Json.Nodes;

namespace Orleans.Kinesis.Gateway.CloudWatch;

/// <summary>
/// Reads members of a request tree that came either as JSON 1.0 (numbers, epoch-second timestamps) or as a query
/// form (everything a string, ISO 8601 timestamps).
/// </summary>
internal static class CloudWatchInput
{
    public static string? String(JsonNode? node)
        => node is JsonValue value ? (value.TryGetValue<string>(out var text) ? text : value.ToString()) : null;

    public static string RequiredString(JsonObject input, string name)
        => String(input[name]) is { Length: > 0 } text ? text : throw CloudWatchException.Missing(name);

    public static long? Integer(JsonNode? node, string name)
    {
        if (node is null)
        {
            return null;
        }

        if (node is JsonValue value && value.TryGetValue<double>(out var number) && number == Math.Floor(number))
        {
            return (long)number;
        }

        return long.TryParse(String(node), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed)
            ? parsed
            : throw CloudWatchException.InvalidParameter($"The parameter {name} must be an integer.");
    }

    public static DateTimeOffset Time(JsonObject input, string name)
    {
        var node = input[name] ?? throw CloudWatchException.Missing(name);
        if (node is JsonValue value && value.TryGetValue<double>(out var seconds))
        {
            return DateTimeOffset.FromUnixTimeMilliseconds((long)(seconds * 1000));
        }

        var text = String(node) ?? "";
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out seconds))
        {
            return DateTimeOffset.FromUnixTimeMilliseconds((long)(seconds * 1000));
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
            ? time
            : throw CloudWatchException.InvalidParameter($"The parameter {name} must be a timestamp (ISO 8601 or epoch seconds).");
    }

    public static List<KeyValuePair<string, string?>> Dimensions(JsonNode? node)
    {
        var dimensions = new List<KeyValuePair<string, string?>>();
        if (node is JsonArray array)
        {
            foreach (var item in array)
            {
                if (item is JsonObject dimension && String(dimension["Name"]) is { } name)
                {
                    dimensions.Add(new(name, String(dimension["Value"])));
                }
            }
        }

        return dimensions;
    }

    public static List<string> Strings(JsonNode? node)
    {
        var values = new List<string>();
        if (node is JsonArray array)
        {
            foreach (var item in array)
            {
                if (String(item) is { } text)
                {
                    values.Add(text);
                }
            }
        }

        return values;
    }
}
