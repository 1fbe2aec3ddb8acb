using Orleans.Kinesis.AzureBlob;

namespace Orleans.Kinesis.Storage.Blobs;

/// <summary>The provider's container: the client, its name, and a once-per-process creation that is retried after a failure.</summary>
public sealed class BlobContainer(AzureBlobClient client, string name)
{
    private readonly Lock _lock = new();
    private Task? _created;

    public AzureBlobClient Client { get; } = client;

    public string Name { get; } = name;

    public Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_created is null || _created.IsFaulted || _created.IsCanceled)
            {
                _created = Client.CreateContainerIfNotExistsAsync(Name, cancellationToken);
            }

            return _created;
        }
    }
}
