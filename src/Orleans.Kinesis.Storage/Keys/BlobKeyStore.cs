using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Orleans.Kinesis.Storage.Keys;

/// <summary>
/// Keys as block blobs under <c>keys/</c> in the provider's container, created with <c>If-None-Match: *</c> so that
/// servers starting together agree on one key, and readable by every node of the storage account.
/// </summary>
public sealed class BlobKeyStore(BlobContainerClient container) : IKeyStore
{
    private bool _containerChecked;

    public string Describe(string name) => container.Uri + "/keys/" + name;

    public byte[]? Read(string name)
    {
        try
        {
            return container.GetBlobClient("keys/" + name).DownloadContent().Value.Content.ToArray();
        }
        catch (RequestFailedException error) when (error.Status == 404)
        {
            return null;
        }
    }

    public bool TryCreate(string name, byte[] content)
    {
        if (!_containerChecked)
        {
            container.CreateIfNotExists();
            _containerChecked = true;
        }

        try
        {
            var create = new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } };
            container.GetBlobClient("keys/" + name).Upload(BinaryData.FromBytes(content), create);
            return true;
        }
        catch (RequestFailedException error) when (error.Status is 409 or 412)
        {
            return false;
        }
    }
}
