namespace Orleans.Kinesis.Grains.Account;

/// <summary>The persisted billing commitment (times in Unix milliseconds).</summary>
public sealed class AccountSettingsState
{
    public bool Enabled { get; set; }

    public long? StartedAtMs { get; set; }

    public long? EndedAtMs { get; set; }

    public long? EarliestAllowedEndAtMs { get; set; }

    /// <summary>Set when the commitment was turned off before its earliest allowed end: it stays on until then.</summary>
    public bool EndRequested { get; set; }
}
