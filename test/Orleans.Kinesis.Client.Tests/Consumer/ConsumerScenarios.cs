using System.Text;
using Orleans.Kinesis.Client.Consumer;
using Orleans.Kinesis.Client.Consumer.Leases;
using Orleans.Kinesis.Client.Producer;
using Orleans.Kinesis.Client.Tests.Infrastructure;

namespace Orleans.Kinesis.Client.Tests.Consumer;

public static class ConsumerScenarios
{
    public static async Task OneWorkerDeliversEverythingAsync(IKinesisEndpoint endpoint, RetrievalMode mode)
    {
        var client = endpoint.Client;
        var stream = await TestClients.CreateActiveStreamAsync(client, "consume", 3);
        await using (var producer = new KinesisProducer(client, new KinesisProducerOptions { RecordMaxBufferedTime = TimeSpan.FromMilliseconds(20) }))
        {
            await Task.WhenAll(Enumerable.Range(0, 900).Select(i => producer.AddUserRecordAsync(stream, "k" + i, Encoding.UTF8.GetBytes("v" + i))));
        }

        var log = new DeliveryLog();
        var store = new InMemoryLeaseStore();
        var worker = await Workers.StartAsync(client, store, log, Workers.Options(stream, "solo", mode));
        try
        {
            await log.WhenAsync(() => log.DistinctData().Count == 900).WithTimeoutAsync("900 records delivered");
            Assert.Equal(Enumerable.Range(0, 900).Select(i => "v" + i).Order(), log.DistinctData().Order());
            Assert.Contains(log.Records, r => r.SubSequenceNumber > 0);
        }
        finally
        {
            await worker.StopAsync(CancellationToken.None);
            worker.Dispose();
        }

        // Shutdown checkpointed every delivered record: a new worker starts after them and delivers nothing again.
        Assert.All(await store.ListAsync(CancellationToken.None), l => Assert.False(l.Checkpoint.IsSentinel, l.LeaseKey + " " + l.Checkpoint));
        Assert.All(await store.ListAsync(CancellationToken.None), l => Assert.Null(l.LeaseOwner));
        Assert.Contains(log.Events, e => e.Event == "shutdown");
    }
}
