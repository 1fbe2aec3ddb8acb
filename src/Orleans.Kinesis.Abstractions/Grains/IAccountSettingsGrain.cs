namespace Orleans.Kinesis.Abstractions.Grains;

/// <summary>Account-wide settings (the minimum throughput billing commitment). Key: <see cref="DefaultKey"/>.</summary>
[Alias("kinesis.IAccountSettingsGrain")]
public interface IAccountSettingsGrain : IGrainWithStringKey
{
    public const string DefaultKey = "default";

    Task<BillingCommitment> GetCommitmentAsync();

    /// <summary>Turns the commitment on or off; off before its earliest allowed end keeps it on until then.</summary>
    Task<BillingCommitment> SetCommitmentAsync(bool enabled);
}
