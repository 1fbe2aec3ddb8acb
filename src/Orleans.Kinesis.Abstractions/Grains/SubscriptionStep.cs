namespace Orleans.Kinesis.Abstractions.Grains;

/// <summary>
/// What one step of a subscription produced: an event to send (or none) and the cursor to continue from, or no
/// cursor once the subscription has ended (lifetime over, shard ended, or an error event).
/// </summary>
[GenerateSerializer, Immutable, Alias("kinesis.SubscriptionStep")]
public sealed record SubscriptionStep(SubscriptionEvent? Event, SubscriptionCursor? Next);
