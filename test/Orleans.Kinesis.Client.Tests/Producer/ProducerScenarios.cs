using System.Text;
using Orleans.Kinesis.Client.Producer;
using Orleans.Kinesis.Client.Tests.Infrastructure;

namespace Orleans.Kinesis.Client.Tests.Producer;

/// <summary>Producer scenarios shared by the server and kinesalite test classes.</summary>
public static class ProducerScenarios
{
    public static async Task EveryRecordLandsWhereReportedAsync(IKinesisEndpoint endpoint, bool aggregation, int count)
    {
        var client = endpoint.Client;
        var stream = await TestClients.CreateActiveStreamAsync(client, "prod", 4);
        await using var producer = new KinesisProducer(client, new KinesisProducerOptions { AggregationEnabled = aggregation, RecordMaxBufferedTime = TimeSpan.FromMilliseconds(50) });

        var puts = Enumerable.Range(0, count)
            .Select(i => producer.AddUserRecordAsync(stream, "key-" + i, Encoding.UTF8.GetBytes("record-" + i)))
            .ToList();
        var results = await Task.WhenAll(puts).WithTimeoutAsync("all user records put");
        await producer.FlushAsync();

        Assert.All(results, r => Assert.True(r.Successful));
        var stored = await StreamDump.ReadAllAsync(client, stream);
        Assert.Equal(count, stored.Count);
        var byData = stored.ToDictionary(s => Encoding.UTF8.GetString(s.Record.Data.Span));
        for (var i = 0; i < count; i++)
        {
            var (shard, record) = byData["record-" + i];
            Assert.Equal("key-" + i, record.PartitionKey);
            Assert.Equal(results[i].ShardId, shard);
            Assert.Equal(results[i].SequenceNumber, record.SequenceNumber);
            Assert.Equal(results[i].SubSequenceNumber, record.SubSequenceNumber);
        }

        Assert.Equal(aggregation, stored.Any(s => s.Record.Aggregated));
        if (aggregation)
        {
            Assert.True(stored.Select(s => s.Record.SequenceNumber).Distinct().Count() < count / 4, "aggregation packed many user records per Kinesis record");
        }
    }
}
