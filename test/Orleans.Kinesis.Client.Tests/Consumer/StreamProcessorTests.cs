using System.Diagnostics;
using System.Text;
using Orleans.Kinesis.Client.Consumer;
using Orleans.Kinesis.Client.Consumer.Leases;
using Orleans.Kinesis.Client.Model;
using Orleans.Kinesis.Client.Producer;
using Orleans.Kinesis.Client.Tests.Infrastructure;

namespace Orleans.Kinesis.Client.Tests.Consumer;

[Collection(ServerCollection.Name)]
[Trait("Suite", "Consumer")]
public sealed class StreamProcessorTests(ServerFixture server)
{
    private KinesisClient Client => server.Client;

    [Theory]
    [InlineData(RetrievalMode.Polling)]
    [InlineData(RetrievalMode.FanOut)]
    public Task OneWorker_AggregatedRecords_EveryUserRecordDelivered(RetrievalMode mode)
        => ConsumerScenarios.OneWorkerDeliversEverythingAsync(server, mode);

    [Fact]
    public async Task ThreeWorkers_EightShards_LeasesBalanced()
    {
        var stream = await TestClients.CreateActiveStreamAsync(Client, "balance", 8);
        var store = new InMemoryLeaseStore();
        var log = new DeliveryLog();
        var workers = new List<StreamProcessor>();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                workers.Add(await Workers.StartAsync(Client, store, log, Workers.Options(stream, "w" + i)));
            }

            await Workers.WhenLeasesAsync(workers, () => workers.Sum(w => w.HeldShards.Count) == 8 && workers.All(w => w.HeldShards.Count is 2 or 3))
                .WithTimeoutAsync("3 workers holding 2 or 3 of 8 leases each");
            Assert.Equal(8, workers.SelectMany(w => w.HeldShards).Distinct().Count());
            var leases = await store.ListAsync(CancellationToken.None);
            Assert.Equal(8, leases.Count);
            Assert.All(leases, l => Assert.Contains(l.LeaseOwner, new[] { "w0", "w1", "w2" }));
        }
        finally
        {
            foreach (var worker in workers)
            {
                await worker.StopAsync(CancellationToken.None);
                worker.Dispose();
            }
        }
    }

    [Fact]
    public async Task WorkerKilledMidStream_ShardsTakenOver_NoRecordSkipped()
    {
        var stream = await TestClients.CreateActiveStreamAsync(Client, "failover", 4);
        var store = new InMemoryLeaseStore();
        var log = new DeliveryLog();
        await using var producer = new KinesisProducer(Client, new KinesisProducerOptions { RecordMaxBufferedTime = TimeSpan.FromMilliseconds(10) });
        await Task.WhenAll(Enumerable.Range(0, 400).Select(i => producer.AddUserRecordAsync(stream, "k" + i, Encoding.UTF8.GetBytes("before-" + i))));

        var a = await Workers.StartAsync(Client, store, log, Workers.Options(stream, "a"));
        var b = await Workers.StartAsync(Client, store, log, Workers.Options(stream, "b"));
        try
        {
            await Workers.WhenLeasesAsync([a, b], () => a.HeldShards.Count == 2 && b.HeldShards.Count == 2).WithTimeoutAsync("2 + 2 leases");
            await log.WhenAsync(() => log.DistinctData().Count(d => d.StartsWith("before-", StringComparison.Ordinal)) == 400).WithTimeoutAsync("first 400 records");

            var killedShards = a.HeldShards.ToList();
            var beforeCrash = log.Events.Max(e => e.At);
            var watch = Stopwatch.StartNew();
            await a.CrashAsync();
            await Task.WhenAll(Enumerable.Range(0, 400).Select(i => producer.AddUserRecordAsync(stream, "k" + i, Encoding.UTF8.GetBytes("after-" + i))));
            await Workers.WhenLeasesAsync([b], () => b.HeldShards.Count == 4).WithTimeoutAsync("b takes over the killed worker's shards");
            var failover = watch.Elapsed;
            await log.WhenAsync(() => log.DistinctData().Count == 800).WithTimeoutAsync("all 800 records after failover");

            Assert.All(killedShards, s => Assert.Contains(log.Events, e => e.ShardId == s && e.Worker == "b" && e.Event.StartsWith("initialize@", StringComparison.Ordinal)));
            Assert.DoesNotContain(log.Events, e => e.At > beforeCrash && e.Worker == "a");
            Assert.InRange(failover, TimeSpan.Zero, TimeSpan.FromSeconds(15));
        }
        finally
        {
            await b.StopAsync(CancellationToken.None);
            a.Dispose();
            b.Dispose();
        }
    }

    [Fact]
    public async Task SplitAndMergeDuringConsumption_ParentsFinishBeforeChildren_PerKeyOrderKept()
    {
        var stream = await TestClients.CreateActiveStreamAsync(Client, "reshard", 2);
        var store = new InMemoryLeaseStore();
        var log = new DeliveryLog();
        await using var producer = new KinesisProducer(Client, new KinesisProducerOptions { RecordMaxBufferedTime = TimeSpan.FromMilliseconds(10) });
        var worker = await Workers.StartAsync(Client, store, log, Workers.Options(stream, "w"));
        try
        {
            async Task ProduceAsync(string phase)
            {
                foreach (var batch in Enumerable.Range(0, 5))
                {
                    await Task.WhenAll(Enumerable.Range(0, 20).Select(k => producer.AddUserRecordAsync(stream, "key" + k, Encoding.UTF8.GetBytes($"{phase}:{batch}:{k}"))));
                }
            }

            await ProduceAsync("1");
            var shards = await Client.ListAllShardsAsync(stream);
            await Client.SplitShardAsync(new SplitShardRequest { StreamName = stream, ShardToSplit = shards[0].ShardId, NewStartingHashKey = (UInt128.MaxValue / 4).ToString() });
            await TestClients.WaitActiveAsync(Client, stream);
            await ProduceAsync("2");
            await Client.MergeShardsAsync(new MergeShardsRequest { StreamName = stream, ShardToMerge = "shardId-000000000003", AdjacentShardToMerge = shards[1].ShardId });
            await TestClients.WaitActiveAsync(Client, stream);
            await ProduceAsync("3");

            await log.WhenAsync(() => log.DistinctData().Count == 300).WithTimeoutAsync("all 300 records across the reshards", TimeSpan.FromSeconds(90));

            var events = log.Events.ToList();
            long First(string shard, string prefix) => events.Where(e => e.ShardId == shard && e.Event.StartsWith(prefix, StringComparison.Ordinal)).Min(e => e.At);
            // Split: shard 0 → 2 and 3; merge: 3 + 1 → 4.
            Assert.True(First("shardId-000000000000", "shardEnded") < First("shardId-000000000002", "initialize"));
            Assert.True(First("shardId-000000000000", "shardEnded") < First("shardId-000000000003", "initialize"));
            Assert.True(First("shardId-000000000003", "shardEnded") < First("shardId-000000000004", "initialize"));
            Assert.True(First("shardId-000000000001", "shardEnded") < First("shardId-000000000004", "initialize"));

            // Per partition key, the first delivery of each record follows production order.
            var firstSeen = log.Records.Select(r => r.Data).Distinct().ToList();
            foreach (var key in Enumerable.Range(0, 20))
            {
                var order = firstSeen.Where(d => d.EndsWith(":" + key, StringComparison.Ordinal)).ToList();
                var expected = new[] { "1", "2", "3" }.SelectMany(p => Enumerable.Range(0, 5).Select(b => $"{p}:{b}:{key}")).ToList();
                Assert.Equal(expected, order);
            }
        }
        finally
        {
            await worker.StopAsync(CancellationToken.None);
            worker.Dispose();
        }
    }
}
