namespace Orleans.Kinesis.Protocol.EventStream;

/// <summary>The header names and values Kinesis puts on event-stream messages (spec §6.2).</summary>
public static class EventStreamTokens
{
    public const string ContentType = "application/vnd.amazon.eventstream";

    public static ReadOnlySpan<byte> MessageTypeHeader => ":message-type"u8;

    public static ReadOnlySpan<byte> EventTypeHeader => ":event-type"u8;

    public static ReadOnlySpan<byte> ExceptionTypeHeader => ":exception-type"u8;

    public static ReadOnlySpan<byte> ContentTypeHeader => ":content-type"u8;

    public static ReadOnlySpan<byte> Event => "event"u8;

    public static ReadOnlySpan<byte> Exception => "exception"u8;

    public static ReadOnlySpan<byte> Json => "application/json"u8;

    public static ReadOnlySpan<byte> InitialResponse => "initial-response"u8;

    public static ReadOnlySpan<byte> SubscribeToShardEvent => "SubscribeToShardEvent"u8;
}
