using Azure;
using Azure.Storage.Blobs.Models;
using Orleans.Kinesis.Actors.State;
using Orleans.Kinesis.Storage.Blobs;

namespace Orleans.Kinesis.Storage.State;

/// <summary>
/// Grain state as block blobs <c>state/&lt;stateType&gt;/&lt;escaped key&gt;</c>. The blob's ETag is the document's
/// ETag: writes carry <c>If-Match</c> (or <c>If-None-Match: *</c> to create), so a stale writer gets a conflict.
/// </summary>
public sealed class BlobGrainStorage(BlobContainer container) : IGrainStorage
{
    public async Task<GrainStateDocument?> ReadAsync(string stateType, string key, CancellationToken cancellationToken)
    {
        await container.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var blob = await container.Client.GetBlobClient(BlobName(stateType, key)).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            return new GrainStateDocument(blob.Value.Content.ToArray(), blob.Value.Details.ETag.ToString());
        }
        catch (RequestFailedException error) when (error.Status == 404)
        {
            return null;
        }
    }

    public async Task<string> WriteAsync(string stateType, string key, ReadOnlyMemory<byte> data, string? expectedEtag, CancellationToken cancellationToken)
    {
        await container.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var name = BlobName(stateType, key);
        var conditions = expectedEtag is null ? new BlobRequestConditions { IfNoneMatch = ETag.All } : new BlobRequestConditions { IfMatch = new ETag(expectedEtag) };
        try
        {
            var upload = new BlobUploadOptions { Conditions = conditions };
            var stored = await container.Client.GetBlobClient(name).UploadAsync(BinaryData.FromBytes(data), upload, cancellationToken).ConfigureAwait(false);
            return stored.Value.ETag.ToString();
        }
        catch (RequestFailedException error) when (error.Status is 409 or 412 || (error.Status == 404 && expectedEtag is not null))
        {
            throw await ConflictAsync(stateType, key, name, expectedEtag, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task DeleteAsync(string stateType, string key, string? expectedEtag, CancellationToken cancellationToken)
    {
        await container.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var name = BlobName(stateType, key);
        if (expectedEtag is null)
        {
            if (await StoredEtagAsync(name, cancellationToken).ConfigureAwait(false) is { } existing)
            {
                throw StateConflict.Create(stateType, key, existing, null);
            }

            return;
        }

        bool deleted;
        try
        {
            var conditions = new BlobRequestConditions { IfMatch = new ETag(expectedEtag) };
            deleted = (await container.Client.GetBlobClient(name).DeleteIfExistsAsync(DeleteSnapshotsOption.None, conditions, cancellationToken).ConfigureAwait(false)).Value;
        }
        catch (RequestFailedException error) when (error.Status == 412)
        {
            throw await ConflictAsync(stateType, key, name, expectedEtag, cancellationToken).ConfigureAwait(false);
        }

        if (!deleted)
        {
            throw StateConflict.Create(stateType, key, null, expectedEtag);
        }
    }

    public async Task<IReadOnlyList<string>> ListKeysAsync(string stateType, CancellationToken cancellationToken)
    {
        await container.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var prefix = "state/" + StorageKeyEscaper.Escape(stateType) + "/";
        var keys = new List<string>();
        await foreach (var item in container.Client.GetBlobsAsync(new GetBlobsOptions { Prefix = prefix }, cancellationToken).ConfigureAwait(false))
        {
            if (StorageKeyEscaper.TryUnescape(item.Name[prefix.Length..], out var key))
            {
                keys.Add(key);
            }
        }

        keys.Sort(StringComparer.Ordinal);
        return keys;
    }

    private static string BlobName(string stateType, string key) =>
        "state/" + StorageKeyEscaper.Escape(stateType) + "/" + StorageKeyEscaper.Escape(key);

    private async Task<Exception> ConflictAsync(string stateType, string key, string name, string? expectedEtag, CancellationToken cancellationToken)
    {
        var stored = await StoredEtagAsync(name, cancellationToken).ConfigureAwait(false);
        return StateConflict.Create(stateType, key, stored, expectedEtag);
    }

    private async Task<string?> StoredEtagAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            var properties = await container.Client.GetBlobClient(name).GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            return properties.Value.ETag.ToString();
        }
        catch (RequestFailedException error) when (error.Status == 404)
        {
            return null;
        }
    }
}
