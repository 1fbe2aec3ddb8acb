using System.Diagnostics;
using System.Numerics;
using System.Text.Json.Nodes;
using Orleans.Kinesis.Host.Tests.Infrastructure;

namespace Orleans.Kinesis.Host.Tests.DataStreams;

/// <summary>On-demand scaling: a shard whose write rate stays above the threshold for a minute is split in two.</summary>
[Collection(ServerCollection.Name)]
[Trait("Area", "OnDemandScaling")]
public sealed class OnDemandScalingTests
{
    private const int WindowSeconds = 60;
    private readonly ServerFixture _server;

    public OnDemandScalingTests(ServerFixture server) => _server = server;

    private KinesisHttp Http => _server.Http1;

    [Fact]
    public async Task OnDemandStream_SplitsAShardWrittenAboveTheThresholdForAMinute_ProvisionedDoesNot()
    {
        var onDemand = Streams.UniqueName("ondemand-hot");
        await Http.OkAsync("CreateStream", new { StreamName = onDemand, StreamModeDetails = new { StreamMode = "ON_DEMAND" } });
        await Streams.WaitForStatusAsync(Http, onDemand, "ACTIVE");
        var provisioned = await Streams.CreateActiveAsync(Http, "provisioned-hot", 4);

        // 1,000 records per (shifted) second into shard 0 of both streams: twice the 500 records/s threshold.
        for (var second = 0; second <= WindowSeconds + 1; second++)
        {
            await PutToFirstShardAsync(provisioned);
            await PutToFirstShardAsync(onDemand);
            _server.Time.Shift(TimeSpan.FromSeconds(1));
        }

        var shards = await WaitForOpenShardsAsync(onDemand, 5);
        var parent = shards.Single(s => s["ShardId"]!.GetValue<string>() == "shardId-000000000000");
        var children = shards.Where(s => s["ParentShardId"]?.GetValue<string>() == "shardId-000000000000").ToList();
        var provisionedShards = (await Http.OkAsync("ListShards", new { StreamName = provisioned }))!["Shards"]!.AsArray();

        Assert.NotNull(parent["SequenceNumberRange"]!["EndingSequenceNumber"]);
        Assert.Equal(2, children.Count);
        Assert.Equal(parent["HashKeyRange"]!["StartingHashKey"]!.GetValue<string>(), children[0]["HashKeyRange"]!["StartingHashKey"]!.GetValue<string>());
        Assert.Equal(parent["HashKeyRange"]!["EndingHashKey"]!.GetValue<string>(), children[1]["HashKeyRange"]!["EndingHashKey"]!.GetValue<string>());
        Assert.Equal(
            BigInteger.Parse(children[0]["HashKeyRange"]!["EndingHashKey"]!.GetValue<string>()) + 1,
            BigInteger.Parse(children[1]["HashKeyRange"]!["StartingHashKey"]!.GetValue<string>()));
        Assert.Equal(4, provisionedShards.Count);
        Assert.All(provisionedShards, s => Assert.Null(s!["SequenceNumberRange"]!["EndingSequenceNumber"]));

        // Writes keep flowing to the children, and the stream is ACTIVE again.
        var put = await Http.OkAsync("PutRecord", new { StreamName = onDemand, PartitionKey = "k", ExplicitHashKey = "0", Data = "AA==" });
        Assert.Equal(children[0]["ShardId"]!.GetValue<string>(), put!["ShardId"]!.GetValue<string>());
        await Streams.WaitForStatusAsync(Http, onDemand, "ACTIVE");
    }

    [Fact]
    public async Task OnDemandStream_BelowTheThreshold_KeepsItsShards()
    {
        var onDemand = Streams.UniqueName("ondemand-cool");
        await Http.OkAsync("CreateStream", new { StreamName = onDemand, StreamModeDetails = new { StreamMode = "ON_DEMAND" } });
        await Streams.WaitForStatusAsync(Http, onDemand, "ACTIVE");

        // 300 records per second: well under the threshold. A marker split of another stream shows reports are handled.
        for (var second = 0; second <= WindowSeconds + 1; second++)
        {
            await Http.OkAsync("PutRecords", new { StreamName = onDemand, Records = Batch(300) });
            _server.Time.Shift(TimeSpan.FromSeconds(1));
        }

        var marker = Streams.UniqueName("ondemand-marker");
        await Http.OkAsync("CreateStream", new { StreamName = marker, StreamModeDetails = new { StreamMode = "ON_DEMAND" } });
        await Streams.WaitForStatusAsync(Http, marker, "ACTIVE");
        for (var second = 0; second <= WindowSeconds + 1; second++)
        {
            await PutToFirstShardAsync(marker);
            _server.Time.Shift(TimeSpan.FromSeconds(1));
        }

        await WaitForOpenShardsAsync(marker, 5);
        var shards = (await Http.OkAsync("ListShards", new { StreamName = onDemand }))!["Shards"]!.AsArray();
        Assert.Equal(4, shards.Count);
    }

    private static object[] Batch(int count)
        => Enumerable.Range(0, count).Select(i => (object)new { PartitionKey = "p" + i, ExplicitHashKey = "0", Data = "AA==" }).ToArray();

    private async Task PutToFirstShardAsync(string stream)
    {
        for (var call = 0; call < 2; call++)
        {
            var result = await Http.OkAsync("PutRecords", new { StreamName = stream, Records = Batch(500) });
            Assert.Equal(0, result!["FailedRecordCount"]!.GetValue<int>());
        }
    }

    private async Task<List<JsonNode>> WaitForOpenShardsAsync(string stream, int open)
    {
        var watch = Stopwatch.StartNew();
        var last = 0;
        while (watch.Elapsed < TimeSpan.FromSeconds(30))
        {
            var shards = (await Http.OkAsync("ListShards", new { StreamName = stream }))!["Shards"]!.AsArray().Select(s => s!).ToList();
            last = shards.Count(s => s["SequenceNumberRange"]!["EndingSequenceNumber"] is null);
            if (last == open)
            {
                return shards;
            }

            await Task.Yield();
        }

        Assert.Fail($"stream {stream} did not reach {open} open shards within 30 s (last {last})");
        return [];
    }
}
