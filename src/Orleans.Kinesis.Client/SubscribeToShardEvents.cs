using System.Net;
using System.Text.Json;
using Orleans.Kinesis.Client.Errors;
using Orleans.Kinesis.Client.Json;
using Orleans.Kinesis.Client.Model;
using Orleans.Kinesis.Protocol.EventStream;

namespace Orleans.Kinesis.Client;

/// <summary>Turns decoded event-stream messages of a subscription into events or typed exceptions.</summary>
internal static class SubscribeToShardEvents
{
    public static SubscribeToShardEvent? Decode(EventStreamMessage message, HttpStatusCode status)
    {
        var messageType = message.Header(":message-type");
        if (messageType == "exception" || messageType == "error")
        {
            var type = message.Header(":exception-type") ?? message.Header(":error-code") ?? "UnknownError";
            string? text = message.Header(":error-message");
            try
            {
                var body = JsonSerializer.Deserialize(message.Payload, KinesisJsonContext.Default.AwsErrorBody);
                text ??= body?.Message ?? body?.MessageUpper;
            }
            catch (JsonException)
            {
                // The message header (or none) is all there is.
            }

            throw KinesisServiceException.Create(type, status, text ?? string.Empty);
        }

        return message.Header(":event-type") == "SubscribeToShardEvent"
            ? JsonSerializer.Deserialize(message.Payload, KinesisJsonContext.Default.SubscribeToShardEvent)
            : null;
    }
}
