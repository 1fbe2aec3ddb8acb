namespace Orleans.Kinesis.Grains.FanOut;

/// <summary>Ids of the in-process streams that drive enhanced fan-out.</summary>
internal static class FanOutStreams
{
    /// <summary>A shard's appends: the ordinal after each durable batch (and the ending ordinal when it closes).</summary>
    public static string Appended(string shardKey) => "shard-appended/" + shardKey;

    /// <summary>A consumer-and-shard's leases: each new lease, so the subscription it replaces ends.</summary>
    public static string Leases(string leaseKey) => "subscription-lease/" + leaseKey;

    /// <summary>Every consumer ARN that is deregistered, so its subscriptions end.</summary>
    public const string Deregistered = "consumer-deregistered";
}
