using System.Text.Json;
using Orleans.Kinesis.Abstractions.Grains;
using Orleans.Kinesis.Protocol.Json;

namespace Orleans.Kinesis.Gateway.Json;

/// <summary>Writes the Consumer and ConsumerDescription shapes.</summary>
public static class ConsumerJson
{
    public static string StatusText(ConsumerStatus status) => status switch
    {
        ConsumerStatus.Creating => "CREATING",
        ConsumerStatus.Active => "ACTIVE",
        _ => "DELETING",
    };

    /// <summary>Writes a Consumer object, or a ConsumerDescription when <paramref name="streamArn"/> is given.</summary>
    public static void WriteConsumer(Utf8JsonWriter writer, ConsumerSnapshot consumer, string? streamArn = null)
    {
        writer.WriteStartObject();
        writer.WriteString("ConsumerName"u8, consumer.ConsumerName);
        writer.WriteString("ConsumerARN"u8, consumer.ConsumerArn);
        writer.WriteString("ConsumerStatus"u8, StatusText(consumer.Status));
        writer.WriteEpochSeconds("ConsumerCreationTimestamp"u8, consumer.CreatedTimeMs);
        if (streamArn is not null)
        {
            writer.WriteString("StreamARN"u8, streamArn);
        }

        writer.WriteEndObject();
    }
}
