using Azure.Core;

namespace Orleans.Kinesis.Storage.Options;

/// <summary>Settings of the Azure Blob storage provider (an Azure storage account, or Azurite).</summary>
public sealed class BlobStorageOptions
{
    /// <summary>A storage connection string (account key or <c>UseDevelopmentStorage=true</c>); wins over <see cref="Endpoint"/>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The Blob service URL used with <see cref="Credential"/> (DefaultAzureCredential when not set: managed identity in Azure).</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>The token credential for <see cref="Endpoint"/>.</summary>
    public TokenCredential? Credential { get; set; }

    /// <summary>The container that holds everything (created if missing).</summary>
    public string Container { get; set; } = "orleans-kinesis";

    /// <summary>A segment is sealed once it would grow past this size (default 64 MiB).</summary>
    public long SegmentMaxBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>A segment is sealed once it holds this many blocks, well before the service's 50,000 (default 40,000).</summary>
    public int SegmentMaxBlocks { get; set; } = 40_000;

    /// <summary>The largest Append Block sent (4 MiB: what API version 2021-12-02 and Azurite accept).</summary>
    public int MaxBlockBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Most bytes of the newest frames one log keeps in memory for reads (default 32 MiB), within the process-wide <see cref="HotTailOptions"/> budget.</summary>
    public long HotTailBytes { get; set; } = 32L * 1024 * 1024;

    /// <summary>
    /// The writer lease of a shard log, in seconds (15–60, the service's range; default 15, the shortest), renewed
    /// every sixth of it on its own timer, off the append path. A writer counts it valid until 2 s before it would
    /// lapse after the last renewal sent, so a writer that stops renewing (hung, partitioned) stops acknowledging
    /// before another can take over. It bounds a takeover only when the old writer cannot be proven dead
    /// (<see cref="Logs.Fencing.ILogOwnerLiveness"/>); a longer lease rides out longer storage outages.
    /// </summary>
    public int WriterLeaseSeconds { get; set; } = 15;
}
