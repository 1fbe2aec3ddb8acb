namespace Orleans.Kinesis.Protocol.EventStream;

/// <summary>A decoded event-stream message: its headers (by name) and payload.</summary>
public sealed record EventStreamMessage(IReadOnlyDictionary<string, object> Headers, byte[] Payload)
{
    /// <summary>A string header's value, or null when absent.</summary>
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value as string : null;
}
