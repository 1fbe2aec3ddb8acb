using Orleans.Kinesis.Host.Tests.Infrastructure;

namespace Orleans.Kinesis.Host.Tests.DataStreams;

/// <summary>A resharded stream that stays UPDATING for the transition delay: data calls work, further reshards are refused.</summary>
[Trait("Area", "DataStreams")]
public sealed class ReshardingUpdatingTests : IClassFixture<SlowTransitionsFixture>
{
    private readonly SlowTransitionsFixture _server;

    public ReshardingUpdatingTests(SlowTransitionsFixture server) => _server = server;

    private KinesisHttp Http => _server.Http;

    [Fact]
    public async Task WhileUpdating_WritesGoToTheChildren_AndAnotherReshardIsResourceInUse()
    {
        var stream = await Streams.CreateActiveAsync(Http, "updating", 1);

        await Http.OkAsync("SplitShard", new { StreamName = stream, ShardToSplit = "shardId-000000000000", NewStartingHashKey = "170141183460469231731687303715884105728" });
        var summary = (await Http.OkAsync("DescribeStreamSummary", new { StreamName = stream }))!["StreamDescriptionSummary"]!;
        var put = await Http.OkAsync("PutRecord", new { StreamName = stream, Data = "AAAA", PartitionKey = "pk1" });
        var merge = await Http.CallAsync("MergeShards", new { StreamName = stream, ShardToMerge = "shardId-000000000001", AdjacentShardToMerge = "shardId-000000000002" });
        var scale = await Http.CallAsync("UpdateShardCount", new { StreamName = stream, TargetShardCount = 3, ScalingType = "UNIFORM_SCALING" });

        Assert.Equal("UPDATING", summary["StreamStatus"]!.GetValue<string>());
        Assert.Equal(2, summary["OpenShardCount"]!.GetValue<int>());
        Assert.Equal("shardId-000000000002", put!["ShardId"]!.GetValue<string>());
        merge.AssertError("ResourceInUseException", $"Stream {stream} under account 000000000000 not ACTIVE, instead in state UPDATING");
        scale.AssertError("ResourceInUseException", $"Stream {stream} under account 000000000000 not ACTIVE, instead in state UPDATING");
    }
}
