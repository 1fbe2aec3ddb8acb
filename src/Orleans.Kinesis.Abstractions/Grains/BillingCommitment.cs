namespace Orleans.Kinesis.Abstractions.Grains;

/// <summary>
/// The minimum throughput billing commitment: status <c>ENABLED</c>, <c>DISABLED</c> or
/// <c>ENABLED_UNTIL_EARLIEST_ALLOWED_END</c>, with its times in Unix milliseconds where they apply.
/// </summary>
[GenerateSerializer, Immutable, Alias("kinesis.BillingCommitment")]
public sealed record BillingCommitment(string Status, long? StartedAtMs, long? EndedAtMs, long? EarliestAllowedEndAtMs);
