namespace Orleans.Kinesis.Client.Model;

public sealed record UpdateAccountSettingsRequest
{
    public required MinimumThroughputBillingCommitmentInput MinimumThroughputBillingCommitment { get; init; }
}
