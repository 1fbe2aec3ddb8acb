namespace Orleans.Kinesis.Client.Model;

public sealed record MinimumThroughputBillingCommitmentInput
{
    /// <summary><c>ENABLED</c> or <c>DISABLED</c>.</summary>
    public required string Status { get; init; }
}
