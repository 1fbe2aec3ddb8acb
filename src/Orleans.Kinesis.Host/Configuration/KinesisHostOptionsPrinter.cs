using System.Text;
using System.Text.Json;

namespace Orleans.Kinesis.Host.Configuration;

/// <summary>
/// Writes the effective settings (<c>--show-config</c>) as JSON, one property per option under its configuration key
/// name. Secrets are never printed: access keys show their ids only, the others whether they are set.
/// </summary>
internal static class KinesisHostOptionsPrinter
{
    private static readonly HashSet<string> Secrets = new(StringComparer.Ordinal)
    {
        nameof(KinesisHostOptions.BlobConnectionString),
        nameof(KinesisHostOptions.EncryptionKey),
    };

    public static string ToJson(KinesisHostOptions options)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            foreach (var property in typeof(KinesisHostOptions).GetProperties())
            {
                var value = property.GetValue(options);
                json.WritePropertyName(property.Name);
                switch (value)
                {
                    case null:
                        json.WriteNullValue();
                        break;
                    case not null when Secrets.Contains(property.Name):
                        json.WriteStringValue("(set)");
                        break;
                    case Dictionary<string, string> accessKeys:
                        WriteArray(json, accessKeys.Keys);
                        break;
                    case Dictionary<string, Uri> hooks:
                        WriteArray(json, hooks.Select(hook => hook.Key + "=" + hook.Value));
                        break;
                    case bool flag:
                        json.WriteBooleanValue(flag);
                        break;
                    case int number:
                        json.WriteNumberValue(number);
                        break;
                    default:
                        json.WriteStringValue(value.ToString());
                        break;
                }
            }

            json.WriteString("ListenEndPoint", options.ListenEndPoint.ToString());
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteArray(Utf8JsonWriter json, IEnumerable<string> values)
    {
        json.WriteStartArray();
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }
}
