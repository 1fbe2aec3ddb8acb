using Azure.Storage.Blobs;
using Orleans.Kinesis.Storage.Blobs;
using Orleans.Kinesis.TestKit.Azurite;

namespace Orleans.Kinesis.Storage.Tests.TestSupport;

/// <summary>One Azurite for the blob tests; each test class instance works in a container of its own.</summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    public AzuriteProcess Azurite { get; private set; } = null!;

    public BlobServiceClient Client { get; private set; } = null!;

    public BlobContainer NewContainer() => new(Client.GetBlobContainerClient("t" + Guid.NewGuid().ToString("N")));

    public async Task InitializeAsync()
    {
        Azurite = await AzuriteProcess.StartNewAsync(inMemory: true);
        Client = BlobServiceClients.Create(new Options.BlobStorageOptions { ConnectionString = Azurite.ConnectionString });
    }

    public async Task DisposeAsync() => await Azurite.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "azurite";
}
