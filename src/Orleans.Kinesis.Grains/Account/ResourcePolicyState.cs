namespace Orleans.Kinesis.Grains.Account;

/// <summary>The persisted resource policy document.</summary>
public sealed class ResourcePolicyState
{
    public string? Policy { get; set; }
}
