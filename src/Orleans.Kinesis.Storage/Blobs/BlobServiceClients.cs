using Azure.Core;
using Azure.Identity;
using Azure.Storage.Blobs;
using Orleans.Kinesis.Storage.Options;

namespace Orleans.Kinesis.Storage.Blobs;

/// <summary>
/// Creates the Azure SDK's <see cref="BlobServiceClient"/> from <see cref="BlobStorageOptions"/>: Shared Key from a
/// connection string, else a token for the endpoint (DefaultAzureCredential unless a credential is given). Retries
/// are short (a shard log must fail fast and heal, not hang) and the SDK's own logging is off.
/// </summary>
public static class BlobServiceClients
{
    public static BlobServiceClient Create(BlobStorageOptions options)
    {
        var clientOptions = new BlobClientOptions();
        clientOptions.Retry.Mode = RetryMode.Exponential;
        clientOptions.Retry.MaxRetries = 3;
        clientOptions.Retry.Delay = TimeSpan.FromMilliseconds(100);
        clientOptions.Retry.MaxDelay = TimeSpan.FromSeconds(2);
        clientOptions.Retry.NetworkTimeout = TimeSpan.FromSeconds(30);
        clientOptions.Diagnostics.IsLoggingEnabled = false;
        clientOptions.Diagnostics.IsTelemetryEnabled = false;
        if (options.ConnectionString is { Length: > 0 } connectionString)
        {
            return new BlobServiceClient(connectionString, clientOptions);
        }

        var endpoint = options.Endpoint ?? throw new InvalidOperationException("Blob storage needs a connection string or an endpoint.");
        return new BlobServiceClient(endpoint, options.Credential ?? new DefaultAzureCredential(), clientOptions);
    }
}
