using Orleans.Kinesis.Client.Credentials;

namespace Orleans.Kinesis.Client;

/// <summary>Where and how the client talks to the service.</summary>
public sealed class KinesisClientOptions
{
    /// <summary>The service URL, e.g. <c>http://127.0.0.1:4567</c>; when null, the AWS endpoint of <see cref="Region"/>.</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>The signing region (and, without an <see cref="Endpoint"/>, the AWS region called).</summary>
    public string Region { get; set; } = Environment.GetEnvironmentVariable("AWS_REGION")
        ?? Environment.GetEnvironmentVariable("AWS_DEFAULT_REGION") ?? "us-east-1";

    /// <summary>Explicit credentials; when null they come from the environment or the shared credentials file.</summary>
    public AwsCredentials? Credentials { get; set; }

    /// <summary>The shared-credentials-file profile to use when <see cref="Credentials"/> is null.</summary>
    public string? Profile { get; set; }

    /// <summary>Attempts after the first for throttling, limits and 5xx answers (jittered exponential back-off).</summary>
    public int MaxRetries { get; set; } = 5;

    /// <summary>The first back-off delay; later ones grow exponentially with jitter.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Sends PutRecord, PutRecords and GetRecords in CBOR (<c>application/x-amz-cbor-1.1</c>, as the AWS Java SDK and
    /// the KCL do): record data travels as raw bytes instead of base64. Other operations stay JSON.
    /// </summary>
    public bool UseCbor { get; set; }

    /// <summary>Timeout of a request/response call (not of SubscribeToShard's stream).</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    internal Uri ResolveEndpoint(string service)
        => Endpoint ?? new Uri($"https://{service}.{Region}.amazonaws.com/");

    internal AwsCredentials ResolveCredentials()
        => AwsCredentialsResolver.Resolve(Credentials, Profile)
            ?? throw new InvalidOperationException("No AWS credentials: set KinesisClientOptions.Credentials, AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, or a shared credentials profile.");
}
