using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Orleans.Kinesis.Protocol.CloudWatch;

/// <summary>
/// Writes one CloudWatch result tree in either protocol: AWS JSON 1.0 (timestamps as epoch seconds) or the query
/// protocol's XML (<c>&lt;ActionResponse&gt;&lt;ActionResult&gt;…</c>, lists as <c>member</c> elements, ISO 8601 times).
/// Timestamps are <see cref="DateTimeOffset"/> values in the tree.
/// </summary>
public static class CloudWatchResponse
{
    public const string XmlNamespace = "http://monitoring.amazonaws.com/doc/2010-08-01/";

    public static byte[] Json(JsonObject result)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            WriteJson(writer, result);
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static byte[] Xml(string action, JsonObject result, string requestId)
    {
        var xml = new StringBuilder(1024);
        xml.Append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<").Append(action).Append("Response xmlns=\"").Append(XmlNamespace).Append("\">");
        xml.Append('<').Append(action).Append("Result>");
        WriteXmlMembers(xml, result);
        xml.Append("</").Append(action).Append("Result><ResponseMetadata><RequestId>").Append(requestId)
            .Append("</RequestId></ResponseMetadata></").Append(action).Append("Response>\n");
        return Encoding.UTF8.GetBytes(xml.ToString());
    }

    public static byte[] JsonError(string type, string message)
        => Json(new JsonObject { ["__type"] = type, ["message"] = message });

    public static byte[] XmlError(string code, string message, string requestId, bool sender)
    {
        var xml = new StringBuilder(256);
        xml.Append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ErrorResponse xmlns=\"").Append(XmlNamespace).Append("\"><Error><Type>")
            .Append(sender ? "Sender" : "Receiver").Append("</Type><Code>").Append(code).Append("</Code><Message>");
        Escape(xml, message);
        xml.Append("</Message></Error><RequestId>").Append(requestId).Append("</RequestId></ErrorResponse>\n");
        return Encoding.UTF8.GetBytes(xml.ToString());
    }

    private static void WriteJson(Utf8JsonWriter writer, JsonNode? node)
    {
        switch (node)
        {
            case null:
                writer.WriteNullValue();
                break;
            case JsonObject obj:
                writer.WriteStartObject();
                foreach (var (name, child) in obj)
                {
                    writer.WritePropertyName(name);
                    WriteJson(writer, child);
                }

                writer.WriteEndObject();
                break;
            case JsonArray array:
                writer.WriteStartArray();
                foreach (var child in array)
                {
                    WriteJson(writer, child);
                }

                writer.WriteEndArray();
                break;
            case JsonValue value when value.TryGetValue<DateTimeOffset>(out var time):
                writer.WriteNumberValue(time.ToUnixTimeMilliseconds() / 1000.0);
                break;
            default:
                node.WriteTo(writer);
                break;
        }
    }

    private static void WriteXmlMembers(StringBuilder xml, JsonObject obj)
    {
        foreach (var (name, child) in obj)
        {
            if (child is null)
            {
                continue;
            }

            xml.Append('<').Append(name).Append('>');
            if (name == "ExtendedStatistics" && child is JsonObject map)
            {
                // A map in the query protocol: <entry><key>p99</key><value>…</value></entry> per item.
                foreach (var (key, value) in map)
                {
                    xml.Append("<entry><key>");
                    Escape(xml, key);
                    xml.Append("</key><value>");
                    WriteXmlValue(xml, value!);
                    xml.Append("</value></entry>");
                }
            }
            else
            {
                WriteXmlValue(xml, child);
            }

            xml.Append("</").Append(name).Append('>');
        }
    }

    private static void WriteXmlValue(StringBuilder xml, JsonNode node)
    {
        switch (node)
        {
            case JsonObject obj:
                WriteXmlMembers(xml, obj);
                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    if (item is not null)
                    {
                        xml.Append("<member>");
                        WriteXmlValue(xml, item);
                        xml.Append("</member>");
                    }
                }

                break;
            case JsonValue value when value.TryGetValue<DateTimeOffset>(out var time):
                xml.Append(time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));
                break;
            case JsonValue value when value.TryGetValue<double>(out var number):
                xml.Append(number.ToString("R", CultureInfo.InvariantCulture));
                break;
            case JsonValue value when value.TryGetValue<bool>(out var flag):
                xml.Append(flag ? "true" : "false");
                break;
            default:
                Escape(xml, node.ToString());
                break;
        }
    }

    private static void Escape(StringBuilder xml, string text)
    {
        foreach (var c in text)
        {
            _ = c switch
            {
                '<' => xml.Append("&lt;"),
                '>' => xml.Append("&gt;"),
                '&' => xml.Append("&amp;"),
                '"' => xml.Append("&quot;"),
                _ => xml.Append(c),
            };
        }
    }
}
