namespace Orleans.Kinesis.Client.Model;

public sealed record AccountSettingsResponse
{
    public MinimumThroughputBillingCommitmentOutput? MinimumThroughputBillingCommitment { get; init; }
}
