using System.Runtime.CompilerServices;
using Orleans.Kinesis.AzureBlob;

namespace Orleans.Kinesis.Storage.Objects;

/// <summary>Objects as block blobs: a container is an Azure Blob container, an object one blob uploaded in one request.</summary>
public sealed class BlobObjectStore(AzureBlobClient client) : IObjectStore
{
    public Task EnsureContainerAsync(string container, CancellationToken cancellationToken) =>
        client.CreateContainerIfNotExistsAsync(container, cancellationToken);

    public Task PutAsync(string container, string name, ReadOnlyMemory<byte> content, CancellationToken cancellationToken) =>
        client.PutBlockBlobAsync(container, name, content, null, cancellationToken);

    public async Task<byte[]?> GetAsync(string container, string name, CancellationToken cancellationToken) =>
        (await client.DownloadAsync(container, name, 0, null, null, cancellationToken).ConfigureAwait(false))?.Content;

    public async IAsyncEnumerable<string> ListAsync(string container, string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var item in client.ListAllBlobsAsync(container, prefix, cancellationToken).ConfigureAwait(false))
        {
            yield return item.Name;
        }
    }

    public Task<bool> DeleteAsync(string container, string name, CancellationToken cancellationToken) =>
        client.DeleteBlobAsync(container, name, null, cancellationToken);
}
