namespace Orleans.Kinesis.Abstractions.Grains;

/// <summary>
/// Where a SubscribeToShard delivery stands between two events: the next ordinal to deliver, when the subscription
/// expires and owes its next heartbeat (Unix ms), and how much of its per-second byte budget the current window has
/// used. The caller keeps it, so any fan-out worker can produce the next event.
/// </summary>
[GenerateSerializer, Immutable, Alias("kinesis.SubscriptionCursor")]
public sealed record SubscriptionCursor(
    SubscriptionStart Start,
    long Position,
    long ExpiresMs,
    long HeartbeatDueMs,
    long WindowStartMs,
    long WindowBytes);
