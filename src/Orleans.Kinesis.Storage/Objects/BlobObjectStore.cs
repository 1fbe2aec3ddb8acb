using System.Runtime.CompilerServices;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Orleans.Kinesis.Storage.Objects;

/// <summary>Objects as block blobs: a container is an Azure Blob container, an object one blob uploaded in one request.</summary>
public sealed class BlobObjectStore(BlobServiceClient client) : IObjectStore
{
    public Task EnsureContainerAsync(string container, CancellationToken cancellationToken) =>
        client.GetBlobContainerClient(container).CreateIfNotExistsAsync(cancellationToken: cancellationToken);

    public Task PutAsync(string container, string name, ReadOnlyMemory<byte> content, CancellationToken cancellationToken) =>
        client.GetBlobContainerClient(container).GetBlobClient(name).UploadAsync(BinaryData.FromBytes(content), overwrite: true, cancellationToken);

    public async Task<byte[]?> GetAsync(string container, string name, CancellationToken cancellationToken)
    {
        try
        {
            var download = await client.GetBlobContainerClient(container).GetBlobClient(name).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            return download.Value.Content.ToArray();
        }
        catch (RequestFailedException error) when (error.Status == 404)
        {
            return null;
        }
    }

    public async IAsyncEnumerable<string> ListAsync(string container, string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var blobs = client.GetBlobContainerClient(container).GetBlobsAsync(new GetBlobsOptions { Prefix = prefix }, cancellationToken);
        IAsyncEnumerator<BlobItem> items;
        try
        {
            items = blobs.GetAsyncEnumerator(cancellationToken);
            if (!await items.MoveNextAsync().ConfigureAwait(false))
            {
                await items.DisposeAsync().ConfigureAwait(false);
                yield break;
            }
        }
        catch (RequestFailedException error) when (error.Status == 404)
        {
            yield break;
        }

        await using (items.ConfigureAwait(false))
        {
            do
            {
                yield return items.Current.Name;
            }
            while (await items.MoveNextAsync().ConfigureAwait(false));
        }
    }

    public async Task<bool> DeleteAsync(string container, string name, CancellationToken cancellationToken)
    {
        try
        {
            var deleted = await client.GetBlobContainerClient(container).GetBlobClient(name).DeleteIfExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            return deleted.Value;
        }
        catch (RequestFailedException error) when (error.Status == 404)
        {
            return false; // the container itself is missing
        }
    }
}
