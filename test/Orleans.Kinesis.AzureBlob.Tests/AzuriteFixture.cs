using Orleans.Kinesis.TestKit.Azurite;

namespace Orleans.Kinesis.AzureBlob.Tests;

/// <summary>One Azurite for the collection; each test works in its own container.</summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    public AzuriteProcess Azurite { get; private set; } = null!;

    public AzureBlobClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Azurite = await AzuriteProcess.StartNewAsync(inMemory: true);
        Client = new AzureBlobClient(BlobConnection.Parse(Azurite.ConnectionString));
    }

    public async Task DisposeAsync() => await Azurite.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "azurite";
}
