using Orleans.Kinesis.Host.Tests.Infrastructure;

namespace Orleans.Kinesis.Host.Tests.Durability;

/// <summary>A resharded stream on the real Host, stopped with SIGINT and started again on the same directory.</summary>
[Trait("Area", "Durability")]
public sealed class ReshardingRestartTests
{
    [Fact]
    public async Task GracefulRestart_KeepsTheShardMap_TheParentStaysClosed_AndReadsItToItsEndWithChildShards()
    {
        using var data = new TempDataDirectory("kinesis-reshard-restart");
        const string stream = "durable-reshard";
        string shardsBefore, parentRecord;

        await using (var first = await ServerProcess.StartAsync(data.Path))
        {
            using var http = new KinesisHttp(first.Endpoint, new Version(1, 1));
            await http.OkAsync("CreateStream", new { StreamName = stream, ShardCount = 1 });
            await Streams.WaitForStatusAsync(http, stream, "ACTIVE");
            parentRecord = (await http.OkAsync("PutRecord", new { StreamName = stream, Data = "AAAA", PartitionKey = "a" }))!["SequenceNumber"]!.GetValue<string>();
            await http.OkAsync("SplitShard", new { StreamName = stream, ShardToSplit = "shardId-000000000000", NewStartingHashKey = "170141183460469231731687303715884105728" });
            await Streams.WaitForStatusAsync(http, stream, "ACTIVE");
            shardsBefore = (await http.OkAsync("ListShards", new { StreamName = stream }))!["Shards"]!.ToJsonString();
            var exitCode = await first.StopGracefullyAsync();
            Assert.True(exitCode == 0, $"graceful stop exited with {exitCode}\n{first.Output()}");
        }

        await using var second = await ServerProcess.StartAsync(data.Path);
        using var again = new KinesisHttp(second.Endpoint, new Version(1, 1));

        Assert.Equal(shardsBefore, (await again.OkAsync("ListShards", new { StreamName = stream }))!["Shards"]!.ToJsonString());
        var put = await again.OkAsync("PutRecord", new { StreamName = stream, Data = "AAAA", PartitionKey = "a" });
        Assert.Equal("shardId-000000000001", put!["ShardId"]!.GetValue<string>());
        var iterator = await Streams.IteratorAsync(again, stream, "shardId-000000000000", "TRIM_HORIZON");
        var read = await again.OkAsync("GetRecords", new { ShardIterator = iterator });
        Assert.Equal([parentRecord], read!["Records"]!.AsArray().Select(r => r!["SequenceNumber"]!.GetValue<string>()));
        Assert.Null(read["NextShardIterator"]);
        Assert.Equal(["shardId-000000000001", "shardId-000000000002"], read["ChildShards"]!.AsArray().Select(c => c!["ShardId"]!.GetValue<string>()));
    }
}
