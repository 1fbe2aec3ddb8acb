namespace Orleans.Kinesis.Client.Credentials;

/// <summary>An access key pair and optional session token used to sign requests.</summary>
public sealed record AwsCredentials(string AccessKeyId, string SecretAccessKey, string? SessionToken = null)
{
    /// <summary>Credentials that any loopback Orleans.Kinesis server or kinesalite accepts when no keys are configured.</summary>
    public static AwsCredentials Anonymous { get; } = new("local", "local");

    public override string ToString() => $"AwsCredentials {{ AccessKeyId = {AccessKeyId} }}";
}
