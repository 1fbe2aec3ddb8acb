using System.Text.Json;
using System.Text.RegularExpressions;
using Orleans.Kinesis.Protocol.Validation;

namespace Orleans.Kinesis.Gateway.Firehose;

/// <summary>Checks shared by the Firehose handlers.</summary>
public static partial class FirehoseRequest
{
    public const string NamePattern = "[a-zA-Z0-9_.-]+";

    /// <summary>Reads and checks <c>DeliveryStreamName</c> (required, 1–64, the name pattern).</summary>
    public static string? Name(JsonElement root, ValidationErrors errors)
    {
        var name = FirehoseJson.String(root, "DeliveryStreamName");
        errors.Required(name, "deliveryStreamName");
        errors.Length(name, "deliveryStreamName", 1, 64);
        errors.Pattern(name, "deliveryStreamName", static n => NameRegex().IsMatch(n), NamePattern);
        return name;
    }

    /// <summary>Reads a Tags list (<c>[{Key, Value}]</c>) with the tag key/value constraints.</summary>
    public static Dictionary<string, string>? Tags(JsonElement root, string member, string path, ValidationErrors errors)
    {
        if (FirehoseJson.Array(root, member) is not { } list)
        {
            return null;
        }

        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        errors.Range(list.GetArrayLength(), path, 1, 50);
        foreach (var tag in list.EnumerateArray())
        {
            var key = tag.ValueKind == JsonValueKind.Object ? FirehoseJson.String(tag, "Key") : null;
            var value = tag.ValueKind == JsonValueKind.Object ? FirehoseJson.String(tag, "Value") ?? "" : "";
            errors.Required(key, path + ".member.key");
            errors.Length(key, path + ".member.key", 1, 128);
            errors.Length(value, path + ".member.value", 0, 256);
            errors.Pattern(key, path + ".member.key", static k => TagRegex().IsMatch(k), "^(?!aws:)[\\p{L}\\p{Z}\\p{N}_.:\\/=+\\-@%]*$");
            errors.Pattern(value, path + ".member.value", static v => TagValueRegex().IsMatch(v), "^[\\p{L}\\p{Z}\\p{N}_.:\\/=+\\-@%]*$");
            if (key is not null)
            {
                tags[key] = value;
            }
        }

        return tags;
    }

    [GeneratedRegex("^[a-zA-Z0-9_.-]+$")]
    private static partial Regex NameRegex();

    [GeneratedRegex(@"^(?!aws:)[\p{L}\p{Z}\p{N}_.:\/=+\-@%]*$")]
    private static partial Regex TagRegex();

    [GeneratedRegex(@"^[\p{L}\p{Z}\p{N}_.:\/=+\-@%]*$")]
    private static partial Regex TagValueRegex();
}
