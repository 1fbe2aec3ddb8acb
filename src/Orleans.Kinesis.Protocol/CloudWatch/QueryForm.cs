using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Orleans.Kinesis.Protocol.CloudWatch;

/// <summary>
/// Reads an AWS query-protocol body (<c>Action=…&amp;Version=…&amp;A.member.1.B=…</c>) into the JSON shape the JSON 1.0
/// protocol sends, so one reader serves both: dotted names become nested objects and <c>member.N</c> becomes the
/// N-th array element. Leaves stay strings; readers accept a number or a string.
/// </summary>
public static class QueryForm
{
    public static JsonObject Parse(ReadOnlySpan<byte> body)
    {
        var root = new JsonObject();
        var text = Encoding.UTF8.GetString(body);
        foreach (var pair in text.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Decode(equals < 0 ? pair : pair[..equals]);
            var value = equals < 0 ? "" : Decode(pair[(equals + 1)..]);
            Set(root, name.Split('.'), value);
        }

        return root;
    }

    private static void Set(JsonObject root, string[] path, string value)
    {
        JsonNode node = root;
        for (var i = 0; i < path.Length; i++)
        {
            var last = i == path.Length - 1;
            if (node is JsonObject obj)
            {
                if (last)
                {
                    obj[path[i]] = value;
                    return;
                }

                var isList = path[i + 1] == "member" && i + 2 < path.Length;
                var child = obj[path[i]];
                if (child is null)
                {
                    child = isList ? new JsonArray() : new JsonObject();
                    obj[path[i]] = child;
                }

                node = child;
            }
            else if (node is JsonArray array && path[i] == "member")
            {
                if (!int.TryParse(path[++i], NumberStyles.None, CultureInfo.InvariantCulture, out var index) || index is < 1 or > 1000)
                {
                    return;
                }

                while (array.Count < index)
                {
                    array.Add(null);
                }

                if (i == path.Length - 1)
                {
                    array[index - 1] = value;
                    return;
                }

                node = array[index - 1] ??= new JsonObject();
            }
            else
            {
                return;
            }
        }
    }

    private static string Decode(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));
}
