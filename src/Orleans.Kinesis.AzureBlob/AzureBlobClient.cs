using System.Globalization;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Orleans.Kinesis.AzureBlob;

/// <summary>
/// A small client of the Azure Blob Storage REST API on Azure.Core's <see cref="HttpPipeline"/>: containers, block
/// and append blobs, ranged reads, listing, deletes, ETag conditions and leases. Requests are signed with the
/// account key (Shared Key) or carry a bearer token from a <see cref="TokenCredential"/>. Failures throw
/// <see cref="RequestFailedException"/> with the service's status and <c>x-ms-error-code</c>.
/// </summary>
public sealed class AzureBlobClient
{
    private const string StorageScope = "https://storage.azure.com/.default";

    private readonly HttpPipeline _pipeline;

    public AzureBlobClient(BlobConnection connection, AzureBlobClientOptions? options = null)
        : this(connection, null, options)
    {
    }

    public AzureBlobClient(BlobConnection connection, TokenCredential? credential, AzureBlobClientOptions? options = null)
    {
        options ??= new AzureBlobClientOptions();
        Connection = connection;
        HttpPipelinePolicy auth = connection.HasSharedKey
            ? new SharedKeyPolicy(connection.AccountName!, connection.AccountKey!, options.TimeProvider)
            : new BearerTokenAuthenticationPolicy(credential ?? throw new ArgumentException("Without an account key a token credential is needed.", nameof(credential)), StorageScope);
        options.AddPolicy(auth, connection.HasSharedKey ? HttpPipelinePosition.BeforeTransport : HttpPipelinePosition.PerRetry);
        _pipeline = HttpPipelineBuilder.Build(options);
    }

    public BlobConnection Connection { get; }

    /// <summary>Creates the container; false when it already existed.</summary>
    public async Task<bool> CreateContainerIfNotExistsAsync(string container, CancellationToken cancellationToken)
    {
        using var message = Create(RequestMethod.Put, container, null);
        message.Request.Uri.AppendQuery("restype", "container");
        using var response = await SendAsync(message, cancellationToken, 409).ConfigureAwait(false);
        return response.Status != 409;
    }

    /// <summary>Deletes the container and its blobs; false when there was none.</summary>
    public async Task<bool> DeleteContainerAsync(string container, CancellationToken cancellationToken)
    {
        using var message = Create(RequestMethod.Delete, container, null);
        message.Request.Uri.AppendQuery("restype", "container");
        using var response = await SendAsync(message, cancellationToken, 404).ConfigureAwait(false);
        return response.Status != 404;
    }

    /// <summary>Uploads a whole block blob in one request (Put Blob), replacing any blob of that name.</summary>
    public async Task<string> PutBlockBlobAsync(string container, string name, ReadOnlyMemory<byte> content, BlobConditions? conditions, CancellationToken cancellationToken)
    {
        using var message = Create(RequestMethod.Put, container, name);
        message.Request.Headers.SetValue("x-ms-blob-type", "BlockBlob");
        message.Request.Headers.SetValue("Content-Type", "application/octet-stream");
        message.Request.Content = RequestContent.Create(content);
        Apply(message.Request, conditions);
        using var response = await SendAsync(message, cancellationToken).ConfigureAwait(false);
        return ETagOf(response);
    }

    /// <summary>Creates an empty append blob (Put Blob with type AppendBlob).</summary>
    public async Task<string> CreateAppendBlobAsync(string container, string name, BlobConditions? conditions, CancellationToken cancellationToken)
    {
        using var message = Create(RequestMethod.Put, container, name);
        message.Request.Headers.SetValue("x-ms-blob-type", "AppendBlob");
        message.Request.Headers.SetValue("Content-Length", "0");
        Apply(message.Request, conditions);
        using var response = await SendAsync(message, cancellationToken).ConfigureAwait(false);
        return ETagOf(response);
    }

    /// <summary>Appends one block (at most 4 MiB on older API versions) to an append blob, atomically.</summary>
    public async Task<AppendResult> AppendBlockAsync(string container, string name, ReadOnlyMemory<byte> block, BlobConditions? conditions, CancellationToken cancellationToken)
    {
        using var message = Create(RequestMethod.Put, container, name);
        message.Request.Uri.AppendQuery("comp", "appendblock");
        message.Request.Content = RequestContent.Create(block);
        Apply(message.Request, conditions);
        using var response = await SendAsync(message, cancellationToken).ConfigureAwait(false);
        return new AppendResult(
            ETagOf(response),
            response.Headers.TryGetValue("x-ms-blob-append-offset", out var offset) ? long.Parse(offset, CultureInfo.InvariantCulture) : -1,
            response.Headers.TryGetValue("x-ms-blob-committed-block-count", out var blocks) ? int.Parse(blocks, CultureInfo.InvariantCulture) : -1);
    }

    /// <summary>Reads the blob, or the bytes <c>[offset, offset + count)</c> of it; null when there is no such blob.</summary>
    public async Task<BlobDownload?> DownloadAsync(string container, string name, long offset, long? count, BlobConditions? conditions, CancellationToken cancellationToken)
    {
        using var message = Create(RequestMethod.Get, container, name);
        if (offset > 0 || count is not null)
        {
            var end = count is { } c ? (offset + c - 1).ToString(CultureInfo.InvariantCulture) : string.Empty;
            message.Request.Headers.SetValue("x-ms-range", "bytes=" + offset.ToString(CultureInfo.InvariantCulture) + "-" + end);
        }

        Apply(message.Request, conditions);
        using var response = await SendAsync(message, cancellationToken, 404).ConfigureAwait(false);
        if (response.Status == 404)
        {
            return null;
        }

        var content = response.Content.ToArray();
        var total = content.LongLength;
        if (response.Headers.TryGetValue("Content-Range", out var range) && range.LastIndexOf('/') is var slash and > 0
            && long.TryParse(range.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var whole))
        {
            total = whole;
        }

        return new BlobDownload(content, ETagOf(response), total);
    }

    /// <summary>Opens the blob's body as a stream that is read from the network as it is consumed; null when there is no such blob.</summary>
    public async Task<Stream?> OpenReadAsync(string container, string name, CancellationToken cancellationToken)
    {
        var message = Create(RequestMethod.Get, container, name);
        message.BufferResponse = false;
        try
        {
            var response = await SendAsync(message, cancellationToken, 404).ConfigureAwait(false);
            if (response.Status == 404)
            {
                response.Dispose();
                message.Dispose();
                return null;
            }

            return message.ExtractResponseContent() ?? Stream.Null;
        }
        finally
        {
            message.Dispose();
        }
    }

    /// <summary>The blob's properties, or null when there is no such blob.</summary>
    public async Task<BlobProperties?> GetPropertiesAsync(string container, string name, CancellationToken cancellationToken)
    {
        using var message = Create(RequestMethod.Head, container, name);
        using var response = await SendAsync(message, cancellationToken, 404).ConfigureAwait(false);
        if (response.Status == 404)
        {
            return null;
        }

        var headers = response.Headers;
        return new BlobProperties(
            ETagOf(response),
            headers.TryGetValue("Content-Length", out var length) ? long.Parse(length, CultureInfo.InvariantCulture) : 0,
            headers.TryGetValue("x-ms-blob-committed-block-count", out var blocks) ? int.Parse(blocks, CultureInfo.InvariantCulture) : 0,
            headers.TryGetValue("x-ms-lease-state", out var lease) ? lease : null);
    }

    /// <summary>Deletes the blob; false when there was none. Conditions that fail throw (412).</summary>
    public async Task<bool> DeleteBlobAsync(string container, string name, BlobConditions? conditions, CancellationToken cancellationToken)
    {
        using var message = Create(RequestMethod.Delete, container, name);
        Apply(message.Request, conditions);
        using var response = await SendAsync(message, cancellationToken, 404).ConfigureAwait(false);
        return response.Status != 404;
    }

    /// <summary>One page of the container's blobs whose names start with <paramref name="prefix"/>, in name order.</summary>
    public async Task<BlobPage> ListBlobsAsync(string container, string? prefix, string? marker, int? maxResults, CancellationToken cancellationToken)
    {
        using var message = Create(RequestMethod.Get, container, null);
        var uri = message.Request.Uri;
        uri.AppendQuery("restype", "container");
        uri.AppendQuery("comp", "list");
        if (!string.IsNullOrEmpty(prefix))
        {
            uri.AppendQuery("prefix", prefix);
        }

        if (!string.IsNullOrEmpty(marker))
        {
            uri.AppendQuery("marker", marker);
        }

        if (maxResults is { } max)
        {
            uri.AppendQuery("maxresults", max.ToString(CultureInfo.InvariantCulture));
        }

        using var response = await SendAsync(message, cancellationToken, 404).ConfigureAwait(false);
        return response.Status == 404 ? new BlobPage([], null) : BlobListParser.Parse(response.ContentStream!);
    }

    /// <summary>Every blob whose name starts with <paramref name="prefix"/>, following markers page by page.</summary>
    public async IAsyncEnumerable<BlobItem> ListAllBlobsAsync(string container, string? prefix, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? marker = null;
        do
        {
            var page = await ListBlobsAsync(container, prefix, marker, null, cancellationToken).ConfigureAwait(false);
            foreach (var item in page.Items)
            {
                yield return item;
            }

            marker = page.NextMarker;
        }
        while (marker is not null);
    }

    /// <summary>Acquires a lease of 15–60 seconds, or infinite (-1); returns the lease id. A held lease answers 409 LeaseAlreadyPresent.</summary>
    public async Task<string> AcquireLeaseAsync(string container, string name, int durationSeconds, string? proposedLeaseId, CancellationToken cancellationToken)
    {
        using var message = CreateLease(container, name, "acquire");
        message.Request.Headers.SetValue("x-ms-lease-duration", durationSeconds.ToString(CultureInfo.InvariantCulture));
        if (proposedLeaseId is not null)
        {
            message.Request.Headers.SetValue("x-ms-proposed-lease-id", proposedLeaseId);
        }

        using var response = await SendAsync(message, cancellationToken).ConfigureAwait(false);
        return response.Headers.TryGetValue("x-ms-lease-id", out var id) ? id : throw new InvalidOperationException("Acquire Lease returned no lease id.");
    }

    /// <summary>Renews a lease the caller holds.</summary>
    public async Task RenewLeaseAsync(string container, string name, string leaseId, CancellationToken cancellationToken)
    {
        using var message = CreateLease(container, name, "renew");
        message.Request.Headers.SetValue("x-ms-lease-id", leaseId);
        using var response = await SendAsync(message, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Releases a lease the caller holds, so another writer may acquire it at once.</summary>
    public async Task ReleaseLeaseAsync(string container, string name, string leaseId, CancellationToken cancellationToken)
    {
        using var message = CreateLease(container, name, "release");
        message.Request.Headers.SetValue("x-ms-lease-id", leaseId);
        using var response = await SendAsync(message, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Breaks whoever holds the lease, after <paramref name="breakPeriodSeconds"/> (0: at once).</summary>
    public async Task BreakLeaseAsync(string container, string name, int breakPeriodSeconds, CancellationToken cancellationToken)
    {
        using var message = CreateLease(container, name, "break");
        message.Request.Headers.SetValue("x-ms-lease-break-period", breakPeriodSeconds.ToString(CultureInfo.InvariantCulture));
        using var response = await SendAsync(message, cancellationToken).ConfigureAwait(false);
    }

    private HttpMessage CreateLease(string container, string name, string action)
    {
        var message = Create(RequestMethod.Put, container, name);
        message.Request.Uri.AppendQuery("comp", "lease");
        message.Request.Headers.SetValue("x-ms-lease-action", action);
        message.Request.Headers.SetValue("Content-Length", "0");
        return message;
    }

    private HttpMessage Create(RequestMethod method, string container, string? name)
    {
        var message = _pipeline.CreateMessage();
        var request = message.Request;
        request.Method = method;
        request.Uri.Reset(Connection.ServiceUri);
        request.Uri.AppendPath(container, escape: true);
        if (name is not null)
        {
            request.Uri.AppendPath("/", escape: false);
            request.Uri.AppendPath(name, escape: true);
        }

        request.Headers.SetValue("x-ms-version", AzureBlobClientOptions.ServiceVersion);
        return message;
    }

    private static void Apply(Request request, BlobConditions? conditions)
    {
        if (conditions is null)
        {
            return;
        }

        if (conditions.IfMatch is { } ifMatch)
        {
            request.Headers.SetValue("If-Match", ifMatch);
        }

        if (conditions.IfNoneMatch is { } ifNoneMatch)
        {
            request.Headers.SetValue("If-None-Match", ifNoneMatch);
        }

        if (conditions.LeaseId is { } leaseId)
        {
            request.Headers.SetValue("x-ms-lease-id", leaseId);
        }

        if (conditions.AppendPosition is { } position)
        {
            request.Headers.SetValue("x-ms-blob-condition-appendpos", position.ToString(CultureInfo.InvariantCulture));
        }

        if (conditions.MaxSize is { } maxSize)
        {
            request.Headers.SetValue("x-ms-blob-condition-maxsize", maxSize.ToString(CultureInfo.InvariantCulture));
        }
    }

    /// <summary>Sends the request; a status of 400 or more throws unless it is one of <paramref name="allowed"/>.</summary>
    private async Task<Response> SendAsync(HttpMessage message, CancellationToken cancellationToken, int allowed = 0)
    {
        await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        var response = message.Response;
        if (response.Status >= 400 && response.Status != allowed)
        {
            throw BlobErrors.FromResponse(message.Request, response);
        }

        return response;
    }

    private static string ETagOf(Response response) =>
        response.Headers.TryGetValue("ETag", out var etag) ? etag : string.Empty;
}
