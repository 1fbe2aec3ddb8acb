using System.Text;
using Orleans.Kinesis.Client.Model;
using Orleans.Kinesis.Client.Producer;
using Orleans.Kinesis.Client.Tests.Infrastructure;

namespace Orleans.Kinesis.Client.Tests.Producer;

[Collection(ServerCollection.Name)]
[Trait("Suite", "Producer")]
public sealed class KinesisProducerTests(ServerFixture server)
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public Task Produce_FourShards_EveryRecordStoredWhereItsResultSays(bool aggregation)
        => ProducerScenarios.EveryRecordLandsWhereReportedAsync(server, aggregation, 2000);

    [Fact]
    public async Task Produce_AfterSplit_ShardMapRefreshesAndAggregatesStayInsideTheirShard()
    {
        var client = server.Client;
        var stream = await TestClients.CreateActiveStreamAsync(client, "split", 1);
        await using var producer = new KinesisProducer(client, new KinesisProducerOptions { RecordMaxBufferedTime = TimeSpan.FromMilliseconds(20) });
        var before = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => producer.AddUserRecordAsync(stream, "k" + i, Encoding.UTF8.GetBytes("a" + i))));
        Assert.All(before, r => Assert.Equal("shardId-000000000000", r.ShardId));

        await client.SplitShardAsync(new SplitShardRequest { StreamName = stream, ShardToSplit = "shardId-000000000000", NewStartingHashKey = (UInt128.MaxValue / 2).ToString() });
        await TestClients.WaitActiveAsync(client, stream);
        var after = await Task.WhenAll(Enumerable.Range(0, 400).Select(i => producer.AddUserRecordAsync(stream, "k" + i, Encoding.UTF8.GetBytes("b" + i))));

        Assert.All(after, r => Assert.Contains(r.ShardId, new[] { "shardId-000000000001", "shardId-000000000002" }));
        var stored = await StreamDump.ReadAllAsync(client, stream);
        var data = stored.Select(s => Encoding.UTF8.GetString(s.Record.Data.Span)).ToHashSet();
        Assert.All(Enumerable.Range(0, 400), i => Assert.Contains("b" + i, data));
        Assert.All(Enumerable.Range(0, 200), i => Assert.Contains("a" + i, data));
    }

    [Fact]
    public async Task AddUserRecord_InvalidKeys_AreRefusedBeforeSending()
    {
        await using var producer = new KinesisProducer(server.Client);
        await Assert.ThrowsAsync<ArgumentException>(() => producer.AddUserRecordAsync("s", "", [1]));
        await Assert.ThrowsAsync<ArgumentException>(() => producer.AddUserRecordAsync("s", new string('k', 257), [1]));
        await Assert.ThrowsAsync<ArgumentException>(() => producer.AddUserRecordAsync("s", "k", [1], "340282366920938463463374607431768211456"));
        await Assert.ThrowsAsync<ArgumentException>(() => producer.AddUserRecordAsync("s", "k", new byte[(1024 * 1024) + 1]));
    }

    [Fact]
    public async Task Produce_UnknownStream_FailsWithExpiredAfterTtl()
    {
        await using var producer = new KinesisProducer(server.Client, new KinesisProducerOptions { RecordTtl = TimeSpan.FromMilliseconds(300), RecordMaxBufferedTime = TimeSpan.FromMilliseconds(10) });
        var error = await Assert.ThrowsAsync<UserRecordFailedException>(() => producer.AddUserRecordAsync("no-such-stream", "k", [1]).WithTimeoutAsync("expiry"));
        Assert.False(error.Result.Successful);
        Assert.Contains(error.Result.Attempts, a => a.ErrorCode == "ResourceNotFoundException");
    }

    [Fact]
    public async Task BackPressure_OutstandingBytesBounded_AllRecordsStillPut()
    {
        var client = server.Client;
        var stream = await TestClients.CreateActiveStreamAsync(client, "bp", 2);
        var options = new KinesisProducerOptions { MaxOutstandingBytes = 16 * 1024, RecordMaxBufferedTime = TimeSpan.FromMilliseconds(5) };
        await using var producer = new KinesisProducer(client, options);
        var puts = new List<Task<UserRecordResult>>();
        var data = new byte[1000];
        for (var i = 0; i < 300; i++)
        {
            puts.Add(producer.AddUserRecordAsync(stream, "k" + i, data));
        }

        await Task.WhenAll(puts).WithTimeoutAsync("bounded producer drains");
        Assert.Equal(0, producer.OutstandingRecordsCount);
        Assert.Equal(300, (await StreamDump.ReadAllAsync(client, stream)).Count);
    }
}
