using Azure;
using Orleans.Kinesis.Actors.State;
using Orleans.Kinesis.AzureBlob;
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
        var blob = await container.Client.DownloadAsync(container.Name, BlobName(stateType, key), 0, null, null, cancellationToken).ConfigureAwait(false);
        return blob is null ? null : new GrainStateDocument(blob.Content, blob.ETag);
    }

    public async Task<string> WriteAsync(string stateType, string key, ReadOnlyMemory<byte> data, string? expectedEtag, CancellationToken cancellationToken)
    {
        await container.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var name = BlobName(stateType, key);
        var conditions = expectedEtag is null ? BlobConditions.IfNotExists : new BlobConditions { IfMatch = expectedEtag };
        try
        {
            return await container.Client.PutBlockBlobAsync(container.Name, name, data, conditions, cancellationToken).ConfigureAwait(false);
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
            if (await container.Client.GetPropertiesAsync(container.Name, name, cancellationToken).ConfigureAwait(false) is { } existing)
            {
                throw StateConflict.Create(stateType, key, existing.ETag, null);
            }

            return;
        }

        bool deleted;
        try
        {
            deleted = await container.Client.DeleteBlobAsync(container.Name, name, new BlobConditions { IfMatch = expectedEtag }, cancellationToken).ConfigureAwait(false);
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
        await foreach (var item in container.Client.ListAllBlobsAsync(container.Name, prefix, cancellationToken).ConfigureAwait(false))
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
        var stored = await container.Client.GetPropertiesAsync(container.Name, name, cancellationToken).ConfigureAwait(false);
        return StateConflict.Create(stateType, key, stored?.ETag, expectedEtag);
    }
}
