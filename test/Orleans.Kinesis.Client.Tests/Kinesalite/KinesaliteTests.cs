using System.Text;
using Orleans.Kinesis.Client.Model;
using Orleans.Kinesis.Client.Producer;
using Orleans.Kinesis.Client.Tests.Infrastructure;
using Orleans.Kinesis.Client.Tests.Producer;

namespace Orleans.Kinesis.Client.Tests.Kinesalite;

/// <summary>The client and producer against kinesalite, a second independent implementation of the wire protocol.</summary>
[Collection(KinesaliteCollection.Name)]
[Trait("Suite", "Kinesalite")]
public sealed class KinesaliteTests(KinesaliteFixture kinesalite)
{
    [Fact]
    public async Task Client_CoreOperations_WorkAgainstKinesalite()
    {
        var client = kinesalite.Client;
        var stream = await TestClients.CreateActiveStreamAsync(client, "kl", 2);
        Assert.Contains(stream, (await client.ListStreamsAsync(new ListStreamsRequest())).StreamNames);
        Assert.Equal(2, (await client.DescribeStreamAsync(new DescribeStreamRequest { StreamName = stream })).StreamDescription.Shards.Count);
        Assert.Equal(2, (await client.ListShardsAsync(new ListShardsRequest { StreamName = stream })).Shards.Count);
        var put = await client.PutRecordAsync(new PutRecordRequest { StreamName = stream, PartitionKey = "p", Data = "x"u8.ToArray() });
        var iterator = await client.GetShardIteratorAsync(new GetShardIteratorRequest { StreamName = stream, ShardId = put.ShardId, ShardIteratorType = ShardIteratorTypes.TrimHorizon });
        var records = await client.GetRecordsAsync(new GetRecordsRequest { ShardIterator = iterator.ShardIterator! });
        Assert.Equal("x", Encoding.UTF8.GetString(Assert.Single(records.Records).Data));
        await client.AddTagsToStreamAsync(new AddTagsToStreamRequest { StreamName = stream, Tags = new() { ["a"] = "b" } });
        Assert.Single((await client.ListTagsForStreamAsync(new ListTagsForStreamRequest { StreamName = stream })).Tags);
        await client.DeleteStreamAsync(new DeleteStreamRequest { StreamName = stream });
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public Task Producer_FourShards_EveryRecordStoredWhereItsResultSays(bool aggregation)
        => ProducerScenarios.EveryRecordLandsWhereReportedAsync(kinesalite, aggregation, 1000);

    [Fact]
    public Task Consumer_Polling_EveryUserRecordDelivered()
        => Consumer.ConsumerScenarios.OneWorkerDeliversEverythingAsync(kinesalite, Orleans.Kinesis.Client.Consumer.RetrievalMode.Polling);
}
