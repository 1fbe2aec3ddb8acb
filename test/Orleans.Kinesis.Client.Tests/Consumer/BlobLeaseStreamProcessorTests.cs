using System.Text;
using Orleans.Kinesis.Client.Consumer;
using Orleans.Kinesis.Client.Consumer.Leases;
using Orleans.Kinesis.Client.Producer;
using Orleans.Kinesis.Client.Tests.Infrastructure;

namespace Orleans.Kinesis.Client.Tests.Consumer;

/// <summary>Stream processors in the same application sharing leases in Azure Blob Storage (Azurite).</summary>
[Collection(ServerCollection.Name)]
[Trait("Suite", "Consumer")]
[Trait("Provider", "Blob")]
public sealed class BlobLeaseStreamProcessorTests(ServerFixture server, AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task TwoWorkers_BlobLeases_ShardsSplitAndEveryRecordCheckpointed()
    {
        var client = server.Client;
        var stream = await TestClients.CreateActiveStreamAsync(client, "blob-leases", 4);
        var store = new BlobLeaseStore(await azurite.NewContainerAsync(), "app/");
        var log = new DeliveryLog();
        await using (var producer = new KinesisProducer(client, new KinesisProducerOptions { RecordMaxBufferedTime = TimeSpan.FromMilliseconds(10) }))
        {
            await Task.WhenAll(Enumerable.Range(0, 200).Select(i => producer.AddUserRecordAsync(stream, "k" + i, Encoding.UTF8.GetBytes("r-" + i))));
        }

        var a = await Workers.StartAsync(client, store, log, Workers.Options(stream, "a"));
        var b = await Workers.StartAsync(client, store, log, Workers.Options(stream, "b"));
        try
        {
            await Workers.WhenLeasesAsync([a, b], () => a.HeldShards.Count == 2 && b.HeldShards.Count == 2).WithTimeoutAsync("2 + 2 blob leases");
            await log.WhenAsync(() => log.DistinctData().Count == 200).WithTimeoutAsync("200 records over blob leases");
        }
        finally
        {
            await a.StopAsync(CancellationToken.None);
            await b.StopAsync(CancellationToken.None);
            a.Dispose();
            b.Dispose();
        }

        var leases = await store.ListAsync(CancellationToken.None);
        Assert.Equal(4, leases.Count);
        Assert.All(leases, l => Assert.False(l.Checkpoint.IsSentinel, l.LeaseKey + " has no checkpoint: " + l.Checkpoint));
    }
}
