using System.Text.Json.Nodes;
using Orleans.Kinesis.Host.Tests.Infrastructure;

namespace Orleans.Kinesis.Host.Tests.DataStreams;

[Collection(ServerCollection.Name)]
[Trait("Area", "DataStreams")]
public sealed class StreamLifecycleTests
{
    private readonly ServerFixture _server;

    public StreamLifecycleTests(ServerFixture server) => _server = server;

    [Fact]
    public async Task CreateStream_ThreeShards_SplitsTheHashKeySpaceAsAwsDoes()
    {
        var stream = await Streams.CreateActiveAsync(_server.Http1, "split", 3);

        var shards = (await _server.Http1.OkAsync("ListShards", new { StreamName = stream }))!["Shards"]!.AsArray();

        Assert.Equal(["shardId-000000000000", "shardId-000000000001", "shardId-000000000002"], shards.Select(s => s!["ShardId"]!.GetValue<string>()));
        Assert.Equal(
            ["113427455640312821154458202477256070484", "226854911280625642308916404954512140969", "340282366920938463463374607431768211455"],
            shards.Select(s => s!["HashKeyRange"]!["EndingHashKey"]!.GetValue<string>()));
        Assert.Equal("113427455640312821154458202477256070485", shards[1]!["HashKeyRange"]!["StartingHashKey"]!.GetValue<string>());
        Assert.All(shards, s => Assert.Null(s!["SequenceNumberRange"]!["EndingSequenceNumber"]));
    }

    [Fact]
    public async Task CreateStream_WithOnlyAName_HasFourShards()
    {
        var name = Streams.UniqueName("default");
        await _server.Http1.OkAsync("CreateStream", new { StreamName = name });
        await Streams.WaitForStatusAsync(_server.Http1, name, "ACTIVE");

        var summary = (await _server.Http1.OkAsync("DescribeStreamSummary", new { StreamName = name }))!["StreamDescriptionSummary"]!;

        Assert.Equal(4, summary["OpenShardCount"]!.GetValue<int>());
        Assert.Equal("ON_DEMAND", summary["StreamModeDetails"]!["StreamMode"]!.GetValue<string>());
        Assert.Equal($"arn:aws:kinesis:us-east-1:000000000000:stream/{name}", summary["StreamARN"]!.GetValue<string>());
        Assert.Equal(24, summary["RetentionPeriodHours"]!.GetValue<int>());
        Assert.Equal("NONE", summary["EncryptionType"]!.GetValue<string>());
    }

    [Fact]
    public async Task CreateStream_Twice_IsResourceInUse()
    {
        var stream = await Streams.CreateActiveAsync(_server.Http1, "twice", 1);
        var response = await _server.Http1.CallAsync("CreateStream", new { StreamName = stream, ShardCount = 1 });
        response.AssertError("ResourceInUseException", $"Stream {stream} under account 000000000000 already exists.");
    }

    [Fact]
    public async Task CreateStream_OnDemandWithShardCount_IsInvalidArgument()
    {
        var response = await _server.Http1.CallAsync("CreateStream", new
        {
            StreamName = Streams.UniqueName("ondemand"),
            ShardCount = 2,
            StreamModeDetails = new { StreamMode = "ON_DEMAND" },
        });
        response.AssertError("InvalidArgumentException", "ShardCount is not expected when StreamMode=ON_DEMAND");
    }

    [Fact]
    public async Task DescribeStream_ByArn_PagesShardsWithLimitAndExclusiveStart()
    {
        var stream = await Streams.CreateActiveAsync(_server.Http1, "describe", 5);
        var arn = $"arn:aws:kinesis:us-east-1:000000000000:stream/{stream}";

        var first = (await _server.Http1.OkAsync("DescribeStream", new { StreamARN = arn, Limit = 2 }))!["StreamDescription"]!;
        var rest = (await _server.Http1.OkAsync("DescribeStream", new { StreamName = stream, ExclusiveStartShardId = "shardId-000000000001" }))!["StreamDescription"]!;

        Assert.Equal("ACTIVE", first["StreamStatus"]!.GetValue<string>());
        Assert.True(first["HasMoreShards"]!.GetValue<bool>());
        Assert.Equal(2, first["Shards"]!.AsArray().Count);
        Assert.False(rest["HasMoreShards"]!.GetValue<bool>());
        Assert.Equal(["shardId-000000000002", "shardId-000000000003", "shardId-000000000004"], rest["Shards"]!.AsArray().Select(s => s!["ShardId"]!.GetValue<string>()));
        Assert.Equal("""[{"ShardLevelMetrics":[]}]""", first["EnhancedMonitoring"]!.ToJsonString());
    }

    [Fact]
    public async Task ListShards_PagesWithNextToken_AndRejectsBothStreamAndToken()
    {
        var stream = await Streams.CreateActiveAsync(_server.Http1, "listshards", 3);

        var page1 = await _server.Http1.OkAsync("ListShards", new { StreamName = stream, MaxResults = 2 });
        var token = page1!["NextToken"]!.GetValue<string>();
        var page2 = await _server.Http1.OkAsync("ListShards", new { NextToken = token });
        var both = await _server.Http1.CallAsync("ListShards", new { StreamName = stream, NextToken = token });
        var neither = await _server.Http1.CallAsync("ListShards", new { });

        Assert.Equal(2, page1["Shards"]!.AsArray().Count);
        Assert.Equal("shardId-000000000002", page2!["Shards"]!.AsArray().Single()!["ShardId"]!.GetValue<string>());
        Assert.Null(page2["NextToken"]);
        both.AssertError("InvalidArgumentException", "NextToken and StreamName cannot be provided together.");
        neither.AssertError("InvalidArgumentException", "Either NextToken or StreamName should be provided.");
    }

    [Fact]
    public async Task ListShards_NextToken_ExpiresAfterFiveMinutes()
    {
        var stream = await Streams.CreateActiveAsync(_server.Http1, "tokenexpiry", 2);
        var token = (await _server.Http1.OkAsync("ListShards", new { StreamName = stream, MaxResults = 1 }))!["NextToken"]!.GetValue<string>();

        _server.Time.Shift(TimeSpan.FromSeconds(301));
        var response = await _server.Http1.CallAsync("ListShards", new { NextToken = token });

        Assert.Equal("ExpiredNextTokenException", response.ErrorType);
    }

    [Fact]
    public async Task ListStreams_PagesInNameOrder()
    {
        var prefix = Streams.UniqueName("page");
        foreach (var suffix in new[] { "c", "a", "b" })
        {
            await _server.Http1.OkAsync("CreateStream", new { StreamName = prefix + suffix, ShardCount = 1 });
        }

        var first = await _server.Http1.OkAsync("ListStreams", new { ExclusiveStartStreamName = prefix, Limit = 2 });
        var names = first!["StreamNames"]!.AsArray().Select(n => n!.GetValue<string>()).ToList();
        var second = await _server.Http1.OkAsync("ListStreams", new { NextToken = first["NextToken"]!.GetValue<string>(), Limit = 1 });

        Assert.Equal([prefix + "a", prefix + "b"], names);
        Assert.True(first["HasMoreStreams"]!.GetValue<bool>());
        Assert.Equal(prefix + "c", second!["StreamNames"]!.AsArray()[0]!.GetValue<string>());
        Assert.Equal(2, first["StreamSummaries"]!.AsArray().Count);
    }

    [Fact]
    public async Task DeleteStream_RemovesIt_AndOldIteratorsFailAfterReCreation()
    {
        var stream = await Streams.CreateActiveAsync(_server.Http1, "delete", 1);
        await _server.Http1.OkAsync("PutRecord", new { StreamName = stream, Data = "AAAA", PartitionKey = "k" });
        var iterator = await Streams.IteratorAsync(_server.Http1, stream, "shardId-000000000000", "TRIM_HORIZON");

        await _server.Http1.OkAsync("DeleteStream", new { StreamName = stream });
        await Streams.WaitUntilGoneAsync(_server.Http1, stream);
        await _server.Http1.OkAsync("CreateStream", new { StreamName = stream, ShardCount = 1 });
        await Streams.WaitForStatusAsync(_server.Http1, stream, "ACTIVE");
        var stale = await _server.Http1.CallAsync("GetRecords", new { ShardIterator = iterator });

        stale.AssertError("ResourceNotFoundException", $"Stream {stream} under account 000000000000 not found.");
        Assert.Empty(await Streams.ReadAllAsync(_server.Http1, stream, "shardId-000000000000"));
    }

    [Fact]
    public async Task DeleteStream_Unknown_IsResourceNotFound()
    {
        var response = await _server.Http1.CallAsync("DeleteStream", new { StreamName = "never-created" });
        response.AssertError("ResourceNotFoundException", "Stream never-created under account 000000000000 not found.");
    }

    [Fact]
    public async Task DescribeLimits_CountsOpenShards()
    {
        var before = await _server.Http1.OkAsync("DescribeLimits", new { });
        Assert.Equal(500, before!["ShardLimit"]!.GetValue<int>());
        Assert.True(before["OpenShardCount"]!.GetValue<int>() >= 0);
        Assert.Equal(50, before["OnDemandStreamCountLimit"]!.GetValue<int>());
    }
}
