using System.Buffers;
using System.Text.Json;
using Orleans.Kinesis.Abstractions.Errors;
using Orleans.Kinesis.Protocol.Json;

namespace Orleans.Kinesis.Protocol.Errors;

/// <summary>Writes an error body as AWS JSON 1.1 does: <c>{"__type":"…","message":"…"}</c>.</summary>
public static class ErrorResponse
{
    public static void Write(IBufferWriter<byte> output, KinesisException error)
    {
        using var writer = new Utf8JsonWriter(output, ResponseWriting.WriterOptions);
        writer.WriteStartObject();
        writer.WriteString("__type"u8, error.ErrorType);
        if (error.ErrorMessage is not null)
        {
            // The real service spells the member with a capital M for SerializationException only.
            writer.WriteString(error.ErrorType == KinesisErrors.Serialization ? "Message"u8 : "message"u8, error.ErrorMessage);
        }

        writer.WriteEndObject();
    }
}
