using System.Numerics;
using System.Text.Json.Nodes;
using Orleans.Kinesis.Host.Tests.Infrastructure;

namespace Orleans.Kinesis.Host.Tests.DataStreams;

/// <summary>SplitShard, MergeShards and UpdateShardCount end to end: shard map, routing, reading across the reshard, errors.</summary>
[Collection(ServerCollection.Name)]
[Trait("Area", "DataStreams")]
public sealed class ReshardingTests
{
    private const string Account = "000000000000";
    private const string Half = "170141183460469231731687303715884105728"; // 2^127
    private const string HalfMinusOne = "170141183460469231731687303715884105727";
    private const string Max = "340282366920938463463374607431768211455"; // 2^128 - 1
    private static readonly string[] Keys = ["a", "pk1", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k"];
    private readonly ServerFixture _server;

    public ReshardingTests(ServerFixture server) => _server = server;

    private KinesisHttp Http => _server.Http1;

    [Fact]
    public async Task SplitShard_ClosesTheParent_AndWritesGoToTheChildCoveringTheHash_WithLargerSequenceNumbers()
    {
        var stream = await Streams.CreateActiveAsync(Http, "split", 1);
        var before = await PutAsync(stream, "a"); // MD5("a") < 2^127: the lower child after the split

        await Http.OkAsync("SplitShard", new { StreamName = stream, ShardToSplit = "shardId-000000000000", NewStartingHashKey = Half });
        await Streams.WaitForStatusAsync(Http, stream, "ACTIVE");
        var lower = await PutAsync(stream, "a");
        var upper = await PutAsync(stream, "pk1"); // MD5("pk1") >= 2^127
        var shards = (await Http.OkAsync("DescribeStream", new { StreamName = stream }))!["StreamDescription"]!["Shards"]!.AsArray();
        var summary = (await Http.OkAsync("DescribeStreamSummary", new { StreamName = stream }))!["StreamDescriptionSummary"]!;

        Assert.Equal("shardId-000000000000", before.ShardId);
        Assert.Equal("shardId-000000000001", lower.ShardId);
        Assert.Equal("shardId-000000000002", upper.ShardId);
        Assert.True(BigInteger.Parse(lower.Sequence) > BigInteger.Parse(before.Sequence), "child numbers are above the parent's");
        Assert.Equal(2, summary["OpenShardCount"]!.GetValue<int>());
        Assert.Equal(3, shards.Count);
        var parentRange = shards[0]!["SequenceNumberRange"]!;
        Assert.NotNull(parentRange["EndingSequenceNumber"]);
        Assert.True(BigInteger.Parse(parentRange["EndingSequenceNumber"]!.GetValue<string>()) >= BigInteger.Parse(before.Sequence));
        AssertShard(shards[1]!, "shardId-000000000001", "shardId-000000000000", null, "0", HalfMinusOne, open: true);
        AssertShard(shards[2]!, "shardId-000000000002", "shardId-000000000000", null, Half, Max, open: true);
    }

    [Fact]
    public async Task ReadingAParentToItsEnd_ReturnsChildShardsWithoutAnIterator_AndTheChildrenHoldTheRest()
    {
        var stream = await Streams.CreateActiveAsync(Http, "split-read", 1);
        var written = new List<string>();
        foreach (var key in Keys[..6])
        {
            written.Add((await PutAsync(stream, key)).Sequence);
        }

        await Http.OkAsync("SplitShard", new { StreamName = stream, ShardToSplit = "0", NewStartingHashKey = Half });
        await Streams.WaitForStatusAsync(Http, stream, "ACTIVE");
        foreach (var key in Keys[6..])
        {
            written.Add((await PutAsync(stream, key)).Sequence);
        }

        var (parentRecords, childShards) = await ReadToEndAsync(stream, "shardId-000000000000", limit: 2);
        var children = new List<string>();
        foreach (var child in childShards)
        {
            children.AddRange((await Streams.ReadAllAsync(Http, stream, child!["ShardId"]!.GetValue<string>())).Select(SequenceOf));
        }

        Assert.Equal(written[..6], parentRecords.Select(SequenceOf));
        Assert.Equal(2, childShards.Count);
        Assert.Equal("shardId-000000000001", childShards[0]!["ShardId"]!.GetValue<string>());
        Assert.Equal(["shardId-000000000000"], childShards[0]!["ParentShards"]!.AsArray().Select(p => p!.GetValue<string>()));
        Assert.Equal(HalfMinusOne, childShards[0]!["HashKeyRange"]!["EndingHashKey"]!.GetValue<string>());
        Assert.Equal("shardId-000000000002", childShards[1]!["ShardId"]!.GetValue<string>());
        Assert.Equal(Half, childShards[1]!["HashKeyRange"]!["StartingHashKey"]!.GetValue<string>());
        Assert.Equal(written[6..].Order(), children.Order());
    }

    [Fact]
    public async Task GetShardIterator_OnAClosedShard_LatestIsAtItsEnd_AndTrimHorizonReadsItsRecords()
    {
        var stream = await Streams.CreateActiveAsync(Http, "closed-iter", 1);
        var put = await PutAsync(stream, "a");
        await Http.OkAsync("SplitShard", new { StreamName = stream, ShardToSplit = "shardId-000000000000", NewStartingHashKey = Half });
        await Streams.WaitForStatusAsync(Http, stream, "ACTIVE");

        var latest = await Streams.IteratorAsync(Http, stream, "shardId-000000000000", "LATEST");
        var atEnd = await Http.OkAsync("GetRecords", new { ShardIterator = latest });
        var (records, children) = await ReadToEndAsync(stream, "shardId-000000000000", limit: 100);

        Assert.Empty(atEnd!["Records"]!.AsArray());
        Assert.Null(atEnd["NextShardIterator"]);
        Assert.Equal(2, atEnd["ChildShards"]!.AsArray().Count);
        Assert.Equal([put.Sequence], records.Select(SequenceOf));
        Assert.Equal(2, children.Count);
    }

    [Fact]
    public async Task MergeShards_OfAdjacentShards_MakesOneChildWithBothParents_AndTakesTheirWrites()
    {
        var stream = await Streams.CreateActiveAsync(Http, "merge", 2);
        await PutAsync(stream, "a");

        await Http.OkAsync("MergeShards", new { StreamName = stream, ShardToMerge = "shardId-000000000001", AdjacentShardToMerge = "shardId-000000000000" });
        await Streams.WaitForStatusAsync(Http, stream, "ACTIVE");
        var low = await PutAsync(stream, "a");
        var high = await PutAsync(stream, "pk1");
        var shards = (await Http.OkAsync("ListShards", new { StreamName = stream }))!["Shards"]!.AsArray();
        var (_, children) = await ReadToEndAsync(stream, "shardId-000000000000", limit: 100);

        Assert.Equal("shardId-000000000002", low.ShardId);
        Assert.Equal("shardId-000000000002", high.ShardId);
        Assert.Equal(3, shards.Count);
        AssertShard(shards[2]!, "shardId-000000000002", "shardId-000000000001", "shardId-000000000000", "0", Max, open: true);
        Assert.NotNull(shards[0]!["SequenceNumberRange"]!["EndingSequenceNumber"]);
        Assert.NotNull(shards[1]!["SequenceNumberRange"]!["EndingSequenceNumber"]);
        var child = Assert.Single(children);
        Assert.Equal(["shardId-000000000001", "shardId-000000000000"], child!["ParentShards"]!.AsArray().Select(p => p!.GetValue<string>()));
    }

    [Fact]
    public async Task MergeShards_OfShardsThatAreNotAdjacent_IsInvalidArgument()
    {
        var stream = await Streams.CreateActiveAsync(Http, "merge-gap", 3);

        var response = await Http.CallAsync("MergeShards", new { StreamName = stream, ShardToMerge = "shardId-000000000000", AdjacentShardToMerge = "shardId-000000000002" });

        response.AssertError("InvalidArgumentException",
            $"Shards shardId-000000000000 and shardId-000000000002 in stream {stream} under account {Account} are not an adjacent pair of shards eligible for merging");
    }

    [Theory]
    [InlineData(2, 3)]
    [InlineData(2, 4)]
    [InlineData(3, 4)]
    [InlineData(4, 2)]
    [InlineData(3, 2)]
    [InlineData(5, 3)]
    public async Task UpdateShardCount_EndsWithTargetOpenShardsThatCoverTheKeySpaceEvenly_AndEveryChildIsCoveredByItsParents(int from, int to)
    {
        var stream = await Streams.CreateActiveAsync(Http, "scale", from);

        var response = await Http.OkAsync("UpdateShardCount", new { StreamName = stream, TargetShardCount = to, ScalingType = "UNIFORM_SCALING" });
        await Streams.WaitForStatusAsync(Http, stream, "ACTIVE");
        var all = (await Http.OkAsync("ListShards", new { StreamName = stream }))!["Shards"]!.AsArray();
        var open = (await Http.OkAsync("ListShards", new { StreamName = stream, ShardFilter = new { Type = "AT_LATEST" } }))!["Shards"]!.AsArray();
        var put = await PutAsync(stream, "pk1");

        Assert.Equal(stream, response!["StreamName"]!.GetValue<string>());
        Assert.Equal($"arn:aws:kinesis:us-east-1:{Account}:stream/{stream}", response["StreamARN"]!.GetValue<string>());
        Assert.Equal(from, response["CurrentShardCount"]!.GetValue<int>());
        Assert.Equal(to, response["TargetShardCount"]!.GetValue<int>());
        var ranges = open.Select(s => (Start: Key(s!, "StartingHashKey"), End: Key(s!, "EndingHashKey"))).OrderBy(r => r.Start).ToList();
        Assert.Equal(EvenSplit(to), ranges);
        Assert.All(open, s => Assert.Null(s!["SequenceNumberRange"]!["EndingSequenceNumber"]));
        Assert.Contains(put.ShardId, open.Select(s => s!["ShardId"]!.GetValue<string>()));
        var byId = all.ToDictionary(s => s!["ShardId"]!.GetValue<string>(), s => s!);
        foreach (var shard in all.Skip(from))
        {
            var parents = new[] { shard!["ParentShardId"], shard["AdjacentParentShardId"] }
                .Where(p => p is not null)
                .Select(p => byId[p!.GetValue<string>()])
                .Select(p => (Start: Key(p, "StartingHashKey"), End: Key(p, "EndingHashKey")))
                .OrderBy(r => r.Start)
                .ToList();
            Assert.NotEmpty(parents);
            Assert.True(parents[0].Start <= Key(shard, "StartingHashKey") && parents[^1].End >= Key(shard, "EndingHashKey"), $"{shard["ShardId"]} lies within its parents");
            Assert.True(parents.Count == 1 || parents[0].End + 1 == parents[1].Start, $"{shard["ShardId"]} has adjacent parents");
        }

        foreach (var closed in all.Where(s => s!["SequenceNumberRange"]!["EndingSequenceNumber"] is not null))
        {
            var id = closed!["ShardId"]!.GetValue<string>();
            var expected = all.Where(s => s!["ParentShardId"]?.GetValue<string>() == id || s!["AdjacentParentShardId"]?.GetValue<string>() == id)
                .Select(s => s!["ShardId"]!.GetValue<string>());
            var (_, children) = await ReadToEndAsync(stream, id, limit: 100);
            Assert.Equal(expected, children.Select(c => c!["ShardId"]!.GetValue<string>()));
        }
    }

    [Fact]
    public async Task UpdateShardCount_BeyondDoubleOrBelowHalf_IsLimitExceeded_AndAMissingScalingTypeIsAValidationError()
    {
        var stream = await Streams.CreateActiveAsync(Http, "scale-bounds", 2);

        var up = await Http.CallAsync("UpdateShardCount", new { StreamName = stream, TargetShardCount = 5, ScalingType = "UNIFORM_SCALING" });
        var down = await Http.CallAsync("UpdateShardCount", new { StreamName = stream, TargetShardCount = 0, ScalingType = "UNIFORM_SCALING" });
        var noType = await Http.CallAsync("UpdateShardCount", new { StreamName = stream, TargetShardCount = 3 });
        var stream4 = await Streams.CreateActiveAsync(Http, "scale-bounds", 4);
        var half = await Http.CallAsync("UpdateShardCount", new { StreamName = stream4, TargetShardCount = 1, ScalingType = "UNIFORM_SCALING" });

        up.AssertError("LimitExceededException",
            "UpdateShardCount cannot scale up over double your current open shard count. Current open shard count: 2 Target shard count: 5");
        down.AssertError("ValidationException",
            "1 validation error detected: Value '0' at 'targetShardCount' failed to satisfy constraint: Member must have value greater than or equal to 1");
        noType.AssertError("ValidationException",
            "1 validation error detected: Value null at 'scalingType' failed to satisfy constraint: Member must not be null");
        half.AssertError("LimitExceededException",
            "UpdateShardCount cannot scale down below half your current open shard count. Current open shard count: 4 Target shard count: 1");
    }

    [Fact]
    public async Task UpdateShardCount_AnEleventhScalingWithin24Hours_IsLimitExceeded_AndAllowedAgainOnceTheFirstIsADayOld()
    {
        var stream = await Streams.CreateActiveAsync(Http, "scale-often", 1);
        for (var i = 0; i < 10; i++)
        {
            await Http.OkAsync("UpdateShardCount", new { StreamName = stream, TargetShardCount = i % 2 == 0 ? 2 : 1, ScalingType = "UNIFORM_SCALING" });
            await Streams.WaitForStatusAsync(Http, stream, "ACTIVE");
        }

        var eleventh = await Http.CallAsync("UpdateShardCount", new { StreamName = stream, TargetShardCount = 2, ScalingType = "UNIFORM_SCALING" });
        _server.Time.Shift(TimeSpan.FromHours(24) + TimeSpan.FromSeconds(1));
        var nextDay = await Http.CallAsync("UpdateShardCount", new { StreamName = stream, TargetShardCount = 2, ScalingType = "UNIFORM_SCALING" });

        eleventh.AssertError("LimitExceededException",
            $"Exceeded the limit of 10 UpdateShardCount operations in a rolling 24 hours for stream {stream} under account {Account}.");
        Assert.True(nextDay.Status == System.Net.HttpStatusCode.OK, nextDay.Text);
    }

    [Fact]
    public async Task ListShards_ShardFilters_SelectShardsByTheirOpenAndCloseTimes()
    {
        var stream = await Streams.CreateActiveAsync(Http, "filters", 1);
        var created = _server.Time.GetUtcNow();
        _server.Time.Shift(TimeSpan.FromSeconds(10));
        await Http.OkAsync("SplitShard", new { StreamName = stream, ShardToSplit = "shardId-000000000000", NewStartingHashKey = Half });
        await Streams.WaitForStatusAsync(Http, stream, "ACTIVE");
        _server.Time.Shift(TimeSpan.FromSeconds(10));
        var afterSplit = _server.Time.GetUtcNow();

        Assert.Equal(["shardId-000000000001", "shardId-000000000002"], await FilterAsync(stream, new { Type = "AT_LATEST" }));
        Assert.Equal(["shardId-000000000000"], await FilterAsync(stream, new { Type = "AT_TRIM_HORIZON" }));
        Assert.Equal(["shardId-000000000000", "shardId-000000000001", "shardId-000000000002"], await FilterAsync(stream, new { Type = "FROM_TRIM_HORIZON" }));
        Assert.Equal(["shardId-000000000002"], await FilterAsync(stream, new { Type = "AFTER_SHARD_ID", ShardId = "shardId-000000000001" }));
        Assert.Equal(["shardId-000000000000"], await FilterAsync(stream, new { Type = "AT_TIMESTAMP", Timestamp = Seconds(created) }));
        Assert.Equal(["shardId-000000000001", "shardId-000000000002"], await FilterAsync(stream, new { Type = "AT_TIMESTAMP", Timestamp = Seconds(afterSplit) }));
        Assert.Equal(["shardId-000000000000", "shardId-000000000001", "shardId-000000000002"], await FilterAsync(stream, new { Type = "FROM_TIMESTAMP", Timestamp = Seconds(created) }));
        Assert.Equal(["shardId-000000000001", "shardId-000000000002"], await FilterAsync(stream, new { Type = "FROM_TIMESTAMP", Timestamp = Seconds(afterSplit) }));
    }

    [Fact]
    public async Task ClosedShards_PastTheRetentionPeriod_AreNoLongerListed()
    {
        var stream = await Streams.CreateActiveAsync(Http, "expired", 1);
        await Http.OkAsync("SplitShard", new { StreamName = stream, ShardToSplit = "shardId-000000000000", NewStartingHashKey = Half });
        await Streams.WaitForStatusAsync(Http, stream, "ACTIVE");

        _server.Time.Shift(TimeSpan.FromHours(24) + TimeSpan.FromSeconds(1));
        var listed = await FilterAsync(stream, new { Type = "FROM_TRIM_HORIZON" });
        var atHorizon = await FilterAsync(stream, new { Type = "AT_TRIM_HORIZON" });
        var described = (await Http.OkAsync("DescribeStream", new { StreamName = stream }))!["StreamDescription"]!["Shards"]!.AsArray();

        Assert.Equal(["shardId-000000000001", "shardId-000000000002"], listed);
        Assert.Equal(["shardId-000000000001", "shardId-000000000002"], atHorizon);
        Assert.Equal(["shardId-000000000001", "shardId-000000000002"], described.Select(s => s!["ShardId"]!.GetValue<string>()));
    }

    [Fact]
    public async Task SplitShard_Errors_FollowTheServiceMessages()
    {
        var stream = await Streams.CreateActiveAsync(Http, "split-errors", 2);
        var onDemand = Streams.UniqueName("split-od");
        await Http.OkAsync("CreateStream", new { StreamName = onDemand, StreamModeDetails = new { StreamMode = "ON_DEMAND" } });
        await Streams.WaitForStatusAsync(Http, onDemand, "ACTIVE");

        var atStart = await Http.CallAsync("SplitShard", new { StreamName = stream, ShardToSplit = "shardId-000000000001", NewStartingHashKey = "170141183460469231731687303715884105729" });
        var unknown = await Http.CallAsync("SplitShard", new { StreamName = stream, ShardToSplit = "shardId-9", NewStartingHashKey = "5" });
        var notNumeric = await Http.CallAsync("SplitShard", new { StreamName = stream, ShardToSplit = "shardId-x", NewStartingHashKey = "5" });
        var badKey = await Http.CallAsync("SplitShard", new { StreamName = stream, ShardToSplit = "shardId-000000000000", NewStartingHashKey = "01" });
        var od = await Http.CallAsync("SplitShard", new { StreamName = onDemand, ShardToSplit = "shardId-000000000000", NewStartingHashKey = "5" });
        var missing = await Http.CallAsync("MergeShards", new { StreamName = stream + "-missing", ShardToMerge = "0", AdjacentShardToMerge = "1" });

        atStart.AssertError("InvalidArgumentException",
            $"NewStartingHashKey 170141183460469231731687303715884105729 used in SplitShard() on shard shardId-000000000001 in stream {stream} under account {Account} is not both greater than one plus the shard's StartingHashKey {Half} and less than the shard's EndingHashKey {Max}.");
        unknown.AssertError("ResourceNotFoundException", $"Could not find shard shardId-000000000009 in stream {stream} under account {Account}.");
        notNumeric.AssertError("ResourceNotFoundException", $"Could not find shard shardId-x in stream {stream} under account {Account}.");
        badKey.AssertError("ValidationException",
            "1 validation error detected: Value '01' at 'newStartingHashKey' failed to satisfy constraint: Member must satisfy regular expression pattern: 0|([1-9]\\d{0,38})");
        od.AssertError("ValidationException");
        missing.AssertError("ResourceNotFoundException", $"Stream {stream}-missing under account {Account} not found.");
    }

    [Fact]
    public async Task SplitShard_OfAClosedShard_IsInvalidArgument()
    {
        var stream = await Streams.CreateActiveAsync(Http, "split-closed", 1);
        await Http.OkAsync("SplitShard", new { StreamName = stream, ShardToSplit = "shardId-000000000000", NewStartingHashKey = Half });
        await Streams.WaitForStatusAsync(Http, stream, "ACTIVE");

        var again = await Http.CallAsync("SplitShard", new { StreamName = stream, ShardToSplit = "shardId-000000000000", NewStartingHashKey = "5" });

        again.AssertError("InvalidArgumentException",
            $"Shard shardId-000000000000 in stream {stream} under account {Account} has already been merged or split, and thus is not eligible for merging or splitting.");
    }

    [Fact]
    public async Task PutRecords_AcrossASplit_NoRecordIsLost()
    {
        var stream = await Streams.CreateActiveAsync(Http, "split-busy", 1);
        var entries = Enumerable.Range(0, 200).Select(i => new { Data = "AAAA", PartitionKey = "key-" + i }).ToArray();

        var first = Http.OkAsync("PutRecords", new { StreamName = stream, Records = entries });
        var split = Http.OkAsync("SplitShard", new { StreamName = stream, ShardToSplit = "shardId-000000000000", NewStartingHashKey = Half });
        var second = Http.OkAsync("PutRecords", new { StreamName = stream, Records = entries });
        var results = await Task.WhenAll(first, split, second);
        await Streams.WaitForStatusAsync(Http, stream, "ACTIVE");
        var third = await Http.OkAsync("PutRecords", new { StreamName = stream, Records = entries });

        var acknowledged = new[] { results[0], results[2], third }
            .SelectMany(r => r!["Records"]!.AsArray())
            .Select(r => r!["SequenceNumber"]?.GetValue<string>())
            .ToList();
        Assert.All(new[] { results[0], results[2], third }, r => Assert.Equal(0, r!["FailedRecordCount"]!.GetValue<int>()));
        var (parent, _) = await ReadToEndAsync(stream, "shardId-000000000000", limit: 10000);
        var read = parent.Select(SequenceOf)
            .Concat((await Streams.ReadAllAsync(Http, stream, "shardId-000000000001")).Select(SequenceOf))
            .Concat((await Streams.ReadAllAsync(Http, stream, "shardId-000000000002")).Select(SequenceOf))
            .ToList();
        Assert.Equal(acknowledged.Order(), read.Order());
    }

    private async Task<(string ShardId, string Sequence)> PutAsync(string stream, string partitionKey)
    {
        var put = await Http.OkAsync("PutRecord", new { StreamName = stream, Data = "AAAA", PartitionKey = partitionKey });
        return (put!["ShardId"]!.GetValue<string>(), put["SequenceNumber"]!.GetValue<string>());
    }

    /// <summary>Reads a closed shard from TRIM_HORIZON until a response has no NextShardIterator; returns its records and ChildShards.</summary>
    private async Task<(List<JsonNode> Records, JsonArray ChildShards)> ReadToEndAsync(string stream, string shardId, int limit)
    {
        var iterator = await Streams.IteratorAsync(Http, stream, shardId, "TRIM_HORIZON");
        var records = new List<JsonNode>();
        for (var calls = 0; calls < 1000; calls++)
        {
            var result = await Http.OkAsync("GetRecords", new { ShardIterator = iterator, Limit = limit });
            records.AddRange(result!["Records"]!.AsArray().Select(r => r!.DeepClone()));
            if (result["NextShardIterator"] is not { } next)
            {
                return (records, result["ChildShards"]!.AsArray());
            }

            Assert.Null(result["ChildShards"]);
            iterator = next.GetValue<string>();
        }

        Assert.Fail($"reading {stream}/{shardId} did not reach the end of the closed shard");
        throw new InvalidOperationException();
    }

    private async Task<List<string>> FilterAsync(string stream, object filter)
    {
        var shards = (await Http.OkAsync("ListShards", new { StreamName = stream, ShardFilter = filter }))!["Shards"]!.AsArray();
        return [.. shards.Select(s => s!["ShardId"]!.GetValue<string>())];
    }

    private static string SequenceOf(JsonNode record) => record["SequenceNumber"]!.GetValue<string>();

    private static double Seconds(DateTimeOffset time) => time.ToUnixTimeMilliseconds() / 1000.0;

    private static BigInteger Key(JsonNode shard, string member) => BigInteger.Parse(shard["HashKeyRange"]![member]!.GetValue<string>());

    private static List<(BigInteger Start, BigInteger End)> EvenSplit(int count)
    {
        var space = BigInteger.One << 128;
        var width = space / count;
        return [.. Enumerable.Range(0, count).Select(i => (width * i, i == count - 1 ? space - 1 : (width * (i + 1)) - 1))];
    }

    private static void AssertShard(JsonNode shard, string id, string? parent, string? adjacent, string start, string end, bool open)
    {
        Assert.Equal(id, shard["ShardId"]!.GetValue<string>());
        Assert.Equal(parent, shard["ParentShardId"]?.GetValue<string>());
        Assert.Equal(adjacent, shard["AdjacentParentShardId"]?.GetValue<string>());
        Assert.Equal(start, shard["HashKeyRange"]!["StartingHashKey"]!.GetValue<string>());
        Assert.Equal(end, shard["HashKeyRange"]!["EndingHashKey"]!.GetValue<string>());
        Assert.Equal(open, shard["SequenceNumberRange"]!["EndingSequenceNumber"] is null);
    }
}
