using System.Text;
using Orleans.Kinesis.Client.Producer;
using Orleans.Kinesis.Client.Tests.Infrastructure;

namespace Orleans.Kinesis.Client.Tests.Producer;

/// <summary>The producer against a server that enforces AWS's per-shard write limits.</summary>
[Collection(ThrottledServerCollection.Name)]
[Trait("Suite", "Producer")]
public sealed class ThrottledProducerTests(ThrottledServerFixture server)
{
    [Fact]
    public async Task Produce_OverShardLimit_ThrottledEntriesRetriedAndNothingLost()
    {
        var client = server.Client;
        var stream = await TestClients.CreateActiveStreamAsync(client, "throttle", 1);
        // No aggregation and a rate limit of 4x the shard's 1,000 records/s: the server must throttle.
        var options = new KinesisProducerOptions { AggregationEnabled = false, RateLimit = 400, RecordMaxBufferedTime = TimeSpan.FromMilliseconds(20) };
        await using var producer = new KinesisProducer(client, options);
        const int Count = 3000;

        var results = await Task.WhenAll(Enumerable.Range(0, Count).Select(i => producer.AddUserRecordAsync(stream, "k" + i, Encoding.UTF8.GetBytes("t" + i))))
            .WithTimeoutAsync("throttled records put", TimeSpan.FromSeconds(40));

        Assert.Contains(results, r => r.Attempts.Any(a => a.ErrorCode == "ProvisionedThroughputExceededException"));
        Assert.All(results, r => Assert.True(r.Successful));
        var stored = await StreamDump.ReadAllAsync(client, stream);
        Assert.Equal(Enumerable.Range(0, Count).Select(i => "t" + i).Order(), stored.Select(s => Encoding.UTF8.GetString(s.Record.Data.Span)).Order());
    }
}
