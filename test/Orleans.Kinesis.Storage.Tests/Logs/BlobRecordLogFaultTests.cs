using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Kinesis.Abstractions.Records;
using Orleans.Kinesis.Storage.Blobs;
using Orleans.Kinesis.Storage.Logs.Blobs;
using Orleans.Kinesis.Storage.Options;
using Orleans.Kinesis.Storage.Tests.TestSupport;
using Orleans.Kinesis.TestKit.Azurite;

namespace Orleans.Kinesis.Storage.Tests.Logs;

/// <summary>Storage taken away under a blob log and given back: appends fail promptly, nothing acknowledged is lost, and the same log instance writes again.</summary>
[Trait("Provider", "Blob")]
public sealed class BlobRecordLogFaultTests
{
    [Fact]
    public async Task AzuriteStopped_AppendsFailPromptly_ThenTheLogHealsWithoutReopening()
    {
        await using var azurite = await AzuriteProcess.StartNewAsync(inMemory: false);
        var container = new BlobContainer(BlobServiceClients.Create(new BlobStorageOptions { ConnectionString = azurite.ConnectionString }).GetBlobContainerClient("faults"));
        var meters = new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>();
        var store = new BlobRecordLogStore(container, Microsoft.Extensions.Options.Options.Create(new BlobStorageOptions()), NullLogger<BlobRecordLogStore>.Instance, meters, TimeProvider.System);
        await using var log = await store.OpenAsync("orders", 0, CancellationToken.None);
        await log.Append([Record("pk-0", "data-0")], 1).Durable.WithGuard("the first append");

        await azurite.StopAsync();
        var stopwatch = Stopwatch.StartNew();
        var failed = log.Append([Record("pk-x", "lost")], 2);
        await Assert.ThrowsAsync<IOException>(() => failed.Durable.WaitAsync(TimeSpan.FromSeconds(30)));
        stopwatch.Stop();

        Assert.InRange(stopwatch.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(10));
        Assert.Equal(1, log.DurableOrdinal);

        await azurite.StartAsync();
        var healed = log.Append([Record("pk-1", "data-1")], 3);
        await healed.Durable.WithGuard("an append once Azurite is back");

        Assert.Equal(1, healed.FirstOrdinal);
        using var read = await log.ReadAsync(0, 10, long.MaxValue, CancellationToken.None);
        Assert.Equal(["data-0", "data-1"], read.Records.ToArray().Select(r => Encoding.UTF8.GetString(r.Data.Span)));
    }

    private static RecordEntry Record(string partitionKey, string data) => new(Encoding.UTF8.GetBytes(partitionKey), Encoding.UTF8.GetBytes(data));
}
