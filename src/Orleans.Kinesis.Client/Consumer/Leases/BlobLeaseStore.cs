using System.Net;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Orleans.Kinesis.Client.Consumer.Leases;

/// <summary>
/// Leases as JSON block blobs in an Azure Blob container (one blob per shard, under an optional prefix), shared by
/// workers on any number of machines. Creation is conditional on the blob not existing (<c>If-None-Match: *</c>); an
/// update re-reads the lease, checks its counter and writes only if the blob's ETag is still the one read
/// (<c>If-Match</c>), so two workers racing for a lease cannot both win.
/// </summary>
public sealed class BlobLeaseStore : ILeaseStore
{
    private const string Suffix = ".lease.json";
    private readonly BlobContainerClient _container;
    private readonly string _prefix;
    private Task? _created;

    /// <param name="container">The container; it is created on first use if it does not exist.</param>
    /// <param name="prefix">A blob-name prefix that separates applications sharing a container, e.g. <c>billing/</c>.</param>
    public BlobLeaseStore(BlobContainerClient container, string prefix = "")
    {
        ArgumentNullException.ThrowIfNull(container);
        _container = container;
        _prefix = prefix;
    }

    public async Task<IReadOnlyList<Lease>> ListAsync(CancellationToken cancellationToken)
    {
        await EnsureContainerAsync().ConfigureAwait(false);
        var leases = new List<Lease>();
        await foreach (var item in _container.GetBlobsAsync(BlobTraits.None, BlobStates.None, _prefix, cancellationToken).ConfigureAwait(false))
        {
            if (item.Name.EndsWith(Suffix, StringComparison.Ordinal)
                && await ReadAsync(_container.GetBlobClient(item.Name), cancellationToken).ConfigureAwait(false) is ({ } lease, _))
            {
                leases.Add(lease);
            }
        }

        leases.Sort(static (a, b) => string.CompareOrdinal(a.LeaseKey, b.LeaseKey));
        return leases;
    }

    public async Task<Lease?> GetAsync(string leaseKey, CancellationToken cancellationToken)
    {
        await EnsureContainerAsync().ConfigureAwait(false);
        return (await ReadAsync(BlobOf(leaseKey), cancellationToken).ConfigureAwait(false)).Lease;
    }

    public async Task<bool> CreateIfNotExistsAsync(Lease lease, CancellationToken cancellationToken)
    {
        await EnsureContainerAsync().ConfigureAwait(false);
        return await WriteAsync(BlobOf(lease.LeaseKey), lease, new BlobRequestConditions { IfNoneMatch = ETag.All }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> UpdateAsync(Lease lease, long expectedCounter, CancellationToken cancellationToken)
    {
        await EnsureContainerAsync().ConfigureAwait(false);
        var blob = BlobOf(lease.LeaseKey);
        var (current, etag) = await ReadAsync(blob, cancellationToken).ConfigureAwait(false);
        if (current is null || current.LeaseCounter != expectedCounter)
        {
            return false;
        }

        return await WriteAsync(blob, lease, new BlobRequestConditions { IfMatch = etag }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Creates the container once per store; a failed attempt is retried by the next call.</summary>
    private Task EnsureContainerAsync()
    {
        var created = Volatile.Read(ref _created);
        if (created is null || created.IsFaulted || created.IsCanceled)
        {
            created = _container.CreateIfNotExistsAsync();
            Volatile.Write(ref _created, created);
        }

        return created;
    }

    private BlobClient BlobOf(string leaseKey)
    {
        ArgumentException.ThrowIfNullOrEmpty(leaseKey);
        return _container.GetBlobClient(_prefix + leaseKey + Suffix);
    }

    private static async Task<bool> WriteAsync(BlobClient blob, Lease lease, BlobRequestConditions conditions, CancellationToken cancellationToken)
    {
        var options = new BlobUploadOptions
        {
            Conditions = conditions,
            HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" },
        };
        try
        {
            await blob.UploadAsync(BinaryData.FromBytes(JsonSerializer.SerializeToUtf8Bytes(lease, LeaseJsonContext.Default.Lease)), options, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException error) when (error.Status is (int)HttpStatusCode.PreconditionFailed or (int)HttpStatusCode.Conflict)
        {
            return false; // another worker wrote first (412), or the lease already exists (409 BlobAlreadyExists)
        }
    }

    private static async Task<(Lease? Lease, ETag ETag)> ReadAsync(BlobClient blob, CancellationToken cancellationToken)
    {
        try
        {
            var content = await blob.DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            return (JsonSerializer.Deserialize(content.Value.Content.ToMemory().Span, LeaseJsonContext.Default.Lease), content.Value.Details.ETag);
        }
        catch (RequestFailedException error) when (error.Status == (int)HttpStatusCode.NotFound)
        {
            return (null, default);
        }
    }
}
