using Azure.Storage.Blobs;
using Orleans.Kinesis.TestKit.Azurite;

namespace Orleans.Kinesis.Client.Tests.Infrastructure;

/// <summary>Azurite's Blob service (in memory, free loopback port), started on first use and stopped on dispose.</summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private AzuriteProcess? _azurite;

    /// <summary>A new, not yet created container in the emulator (the lease store creates it).</summary>
    public async Task<BlobContainerClient> NewContainerAsync()
    {
        await _gate.WaitAsync();
        try
        {
            _azurite ??= await AzuriteProcess.StartNewAsync(inMemory: true);
        }
        finally
        {
            _gate.Release();
        }

        var service = new BlobServiceClient(_azurite.ConnectionString);
        return service.GetBlobContainerClient("leases-" + Guid.NewGuid().ToString("N")[..12]);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }

        _gate.Dispose();
    }
}
