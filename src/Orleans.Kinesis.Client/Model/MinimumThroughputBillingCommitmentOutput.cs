namespace Orleans.Kinesis.Client.Model;

public sealed record MinimumThroughputBillingCommitmentOutput
{
    public required string Status { get; init; }

    public DateTimeOffset? StartedAt { get; init; }

    public DateTimeOffset? EndedAt { get; init; }

    public DateTimeOffset? EarliestAllowedEndAt { get; init; }
}
