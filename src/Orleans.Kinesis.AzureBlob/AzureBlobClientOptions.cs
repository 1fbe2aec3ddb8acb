using Azure.Core;

namespace Orleans.Kinesis.AzureBlob;

/// <summary>Pipeline settings of <see cref="AzureBlobClient"/>: retries (exponential, re-signed each attempt) and timeouts.</summary>
public sealed class AzureBlobClientOptions : ClientOptions
{
    /// <summary>The REST API version sent as <c>x-ms-version</c>.</summary>
    public const string ServiceVersion = "2021-12-02";

    public AzureBlobClientOptions()
    {
        Retry.Mode = RetryMode.Exponential;
        Retry.MaxRetries = 3;
        Retry.Delay = TimeSpan.FromMilliseconds(100);
        Retry.MaxDelay = TimeSpan.FromSeconds(2);
        Retry.NetworkTimeout = TimeSpan.FromSeconds(30);
        Diagnostics.IsLoggingEnabled = false;
        Diagnostics.IsDistributedTracingEnabled = false;
        Diagnostics.IsTelemetryEnabled = false;
    }

    /// <summary>The clock used for <c>x-ms-date</c>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
