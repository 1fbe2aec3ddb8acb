using Azure.Storage.Blobs;

namespace Orleans.Kinesis.Storage.Blobs;

/// <summary>The provider's container (an Azure SDK client) with a once-per-process creation that is retried after a failure.</summary>
public sealed class BlobContainer(BlobContainerClient client)
{
    private readonly Lock _lock = new();
    private Task? _created;

    public BlobContainerClient Client { get; } = client;

    public string Name => Client.Name;

    public Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_created is null || _created.IsFaulted || _created.IsCanceled)
            {
                _created = Client.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            }

            return _created;
        }
    }
}
