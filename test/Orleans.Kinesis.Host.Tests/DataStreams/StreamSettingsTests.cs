using Orleans.Kinesis.Host.Tests.Infrastructure;

namespace Orleans.Kinesis.Host.Tests.DataStreams;

/// <summary>Tags, retention period and enhanced monitoring flags.</summary>
[Collection(ServerCollection.Name)]
[Trait("Area", "DataStreams")]
public sealed class StreamSettingsTests
{
    private readonly ServerFixture _server;

    public StreamSettingsTests(ServerFixture server) => _server = server;

    private KinesisHttp Http => _server.Http1;

    [Fact]
    public async Task Tags_AddOverwriteRemoveAndPage()
    {
        var stream = await Streams.CreateActiveAsync(Http, "tags", 1);
        await Http.OkAsync("AddTagsToStream", new { StreamName = stream, Tags = new Dictionary<string, string> { ["b"] = "1", ["a"] = "2", ["c"] = "3" } });
        await Http.OkAsync("AddTagsToStream", new { StreamName = stream, Tags = new Dictionary<string, string> { ["a"] = "overwritten" } });
        await Http.OkAsync("RemoveTagsFromStream", new { StreamName = stream, TagKeys = new[] { "c", "not-there" } });

        var page = await Http.OkAsync("ListTagsForStream", new { StreamName = stream, Limit = 1 });
        var rest = await Http.OkAsync("ListTagsForStream", new { StreamName = stream, ExclusiveStartTagKey = "a" });

        Assert.Equal("""[{"Key":"a","Value":"overwritten"}]""", page!["Tags"]!.ToJsonString());
        Assert.True(page["HasMoreTags"]!.GetValue<bool>());
        Assert.Equal("""[{"Key":"b","Value":"1"}]""", rest!["Tags"]!.ToJsonString());
        Assert.False(rest["HasMoreTags"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Tags_ByResourceArn_AreTheStreamsTags()
    {
        var stream = await Streams.CreateActiveAsync(Http, "tagresource", 1);
        var arn = $"arn:aws:kinesis:us-east-1:000000000000:stream/{stream}";
        await Http.OkAsync("TagResource", new { ResourceARN = arn, Tags = new Dictionary<string, string> { ["team"] = "data", ["env"] = "test" } });
        await Http.OkAsync("UntagResource", new { ResourceARN = arn, TagKeys = new[] { "env" } });

        var tags = await Http.OkAsync("ListTagsForResource", new { ResourceARN = arn });
        var byName = await Http.OkAsync("ListTagsForStream", new { StreamName = stream });

        Assert.Equal("""[{"Key":"team","Value":"data"}]""", tags!["Tags"]!.ToJsonString());
        Assert.Equal(tags["Tags"]!.ToJsonString(), byName!["Tags"]!.ToJsonString());
    }

    [Fact]
    public async Task Tags_MoreThanFiftyOrReservedPrefix_AreRejected_AndLeaveTagsAlone()
    {
        var stream = await Streams.CreateActiveAsync(Http, "taglimit", 1);
        await Http.OkAsync("AddTagsToStream", new { StreamName = stream, Tags = Enumerable.Range(0, 50).ToDictionary(i => "k" + i, i => "v") });

        var tooMany = await Http.CallAsync("AddTagsToStream", new { StreamName = stream, Tags = new Dictionary<string, string> { ["one-more"] = "v" } });
        var reserved = await Http.CallAsync("AddTagsToStream", new { StreamName = stream, Tags = new Dictionary<string, string> { ["aws:owner"] = "v" } });
        var count = (await Http.OkAsync("ListTagsForResource", new { ResourceARN = $"arn:aws:kinesis:us-east-1:000000000000:stream/{stream}" }))!["Tags"]!.AsArray().Count;

        tooMany.AssertError("LimitExceededException",
            $"Failed to add tags to stream {stream} under account 000000000000 because a given stream cannot have more than 50 tags associated with it.");
        Assert.Equal("InvalidArgumentException", reserved.ErrorType);
        Assert.Equal(50, count);
    }

    [Fact]
    public async Task Retention_IncreaseAndDecrease_FollowTheServiceRules()
    {
        var stream = await Streams.CreateActiveAsync(Http, "retention", 1);

        await Http.OkAsync("IncreaseStreamRetentionPeriod", new { StreamName = stream, RetentionPeriodHours = 48 });
        var shorter = await Http.CallAsync("IncreaseStreamRetentionPeriod", new { StreamName = stream, RetentionPeriodHours = 30 });
        var longer = await Http.CallAsync("DecreaseStreamRetentionPeriod", new { StreamName = stream, RetentionPeriodHours = 72 });
        var tooShort = await Http.CallAsync("DecreaseStreamRetentionPeriod", new { StreamName = stream, RetentionPeriodHours = 12 });
        await Http.OkAsync("DecreaseStreamRetentionPeriod", new { StreamName = stream, RetentionPeriodHours = 36 });
        var summary = await Http.OkAsync("DescribeStreamSummary", new { StreamName = stream });

        shorter.AssertError("InvalidArgumentException",
            $"Requested retention period (30 hours) for stream {stream} can not be shorter than existing retention period (48 hours). Use DecreaseRetentionPeriod API.");
        longer.AssertError("InvalidArgumentException",
            $"Requested retention period (72 hours) for stream {stream} can not be longer than existing retention period (48 hours). Use IncreaseRetentionPeriod API.");
        tooShort.AssertError("InvalidArgumentException", "Minimum allowed retention period is 24 hours. Requested retention period (12 hours) is too short.");
        Assert.Equal(36, summary!["StreamDescriptionSummary"]!["RetentionPeriodHours"]!.GetValue<int>());
    }

    [Fact]
    public async Task Retention_RecordsOlderThanThePeriod_AreNoLongerRead()
    {
        var stream = await Streams.CreateActiveAsync(Http, "expire", 1);
        await Http.OkAsync("PutRecords", new { StreamName = stream, Records = new[] { new { Data = "b2xk", PartitionKey = "k" }, new { Data = "b2xk", PartitionKey = "k" } } });

        _server.Time.Shift(TimeSpan.FromHours(25));
        await Http.OkAsync("PutRecord", new { StreamName = stream, Data = "bmV3", PartitionKey = "k" });
        var fromHorizon = await Streams.ReadAllAsync(Http, stream, "shardId-000000000000");
        var atOldTime = await Http.OkAsync("GetShardIterator", new { StreamName = stream, ShardId = "shardId-000000000000", ShardIteratorType = "AT_TIMESTAMP", Timestamp = 1.0 });
        var fromOldTime = await Http.OkAsync("GetRecords", new { ShardIterator = atOldTime!["ShardIterator"]!.GetValue<string>() });

        Assert.Equal(["bmV3"], fromHorizon.Select(r => r["Data"]!.GetValue<string>()));
        Assert.Equal(["bmV3"], fromOldTime!["Records"]!.AsArray().Select(r => r!["Data"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Retention_Increased_KeepsOlderRecordsReadable()
    {
        var stream = await Streams.CreateActiveAsync(Http, "keep", 1);
        await Http.OkAsync("IncreaseStreamRetentionPeriod", new { StreamName = stream, RetentionPeriodHours = 72 });
        await Http.OkAsync("PutRecord", new { StreamName = stream, Data = "b2xk", PartitionKey = "k" });

        _server.Time.Shift(TimeSpan.FromHours(25));

        Assert.Single(await Streams.ReadAllAsync(Http, stream, "shardId-000000000000"));
    }

    [Fact]
    public async Task EnhancedMonitoring_AllExpandsToSevenMetrics_AndDisableRemovesThem()
    {
        var stream = await Streams.CreateActiveAsync(Http, "monitoring", 1);

        var enabled = await Http.OkAsync("EnableEnhancedMonitoring", new { StreamName = stream, ShardLevelMetrics = new[] { "ALL" } });
        var disabled = await Http.OkAsync("DisableEnhancedMonitoring", new { StreamName = stream, ShardLevelMetrics = new[] { "IncomingBytes", "OutgoingBytes" } });
        var described = await Http.OkAsync("DescribeStream", new { StreamName = stream });

        Assert.Equal("[]", enabled!["CurrentShardLevelMetrics"]!.ToJsonString());
        Assert.Equal(7, enabled["DesiredShardLevelMetrics"]!.AsArray().Count);
        Assert.Equal(5, disabled!["DesiredShardLevelMetrics"]!.AsArray().Count);
        Assert.Equal(disabled["DesiredShardLevelMetrics"]!.ToJsonString(),
            described!["StreamDescription"]!["EnhancedMonitoring"]![0]!["ShardLevelMetrics"]!.ToJsonString());
    }

    [Fact]
    public async Task MaxRecordSize_Raised_AcceptsLargerRecords_AndOutOfRangeIsValidation()
    {
        var stream = await Streams.CreateActiveAsync(Http, "bigrecords", 1);
        var arn = $"arn:aws:kinesis:us-east-1:000000000000:stream/{stream}";
        var data = new byte[(1536 * 1024) - 1];
        new Random(5).NextBytes(data);

        var tooBig = await Http.CallAsync("PutRecord", new { StreamName = stream, Data = Convert.ToBase64String(data), PartitionKey = "k" });
        await Http.OkAsync("UpdateMaxRecordSize", new { StreamARN = arn, MaxRecordSizeInKiB = 2048 });
        await Http.OkAsync("PutRecord", new { StreamName = stream, Data = Convert.ToBase64String(data), PartitionKey = "k" });
        var summary = await Http.OkAsync("DescribeStreamSummary", new { StreamName = stream });
        var outOfRange = await Http.CallAsync("UpdateMaxRecordSize", new { StreamARN = arn, MaxRecordSizeInKiB = 512 });
        var records = await Streams.ReadAllAsync(Http, stream, "shardId-000000000000");

        Assert.Equal("InvalidArgumentException", tooBig.ErrorType);
        Assert.Equal(2048, summary!["StreamDescriptionSummary"]!["MaxRecordSizeInKiB"]!.GetValue<int>());
        outOfRange.AssertError("ValidationException",
            "1 validation error detected: Value '512' at 'maxRecordSizeInKiB' failed to satisfy constraint: Member must have value greater than or equal to 1024");
        Assert.Equal(data, Convert.FromBase64String(Assert.Single(records)["Data"]!.GetValue<string>()));
    }

    [Fact]
    public async Task StreamMode_SwitchesThroughUpdating_AtMostTwicePerDay()
    {
        var stream = await Streams.CreateActiveAsync(Http, "modes", 2);
        var arn = $"arn:aws:kinesis:us-east-1:000000000000:stream/{stream}";

        await Http.OkAsync("UpdateStreamMode", new { StreamARN = arn, StreamModeDetails = new { StreamMode = "ON_DEMAND" } });
        await Streams.WaitForStatusAsync(Http, stream, "ACTIVE");
        var onDemand = (await Http.OkAsync("DescribeStreamSummary", new { StreamName = stream }))!["StreamDescriptionSummary"]!;
        var split = await Http.CallAsync("SplitShard", new { StreamName = stream, ShardToSplit = "shardId-000000000000", NewStartingHashKey = "12345" });
        await Http.OkAsync("UpdateStreamMode", new { StreamARN = arn, StreamModeDetails = new { StreamMode = "PROVISIONED" } });
        await Streams.WaitForStatusAsync(Http, stream, "ACTIVE");
        var third = await Http.CallAsync("UpdateStreamMode", new { StreamARN = arn, StreamModeDetails = new { StreamMode = "ON_DEMAND" } });
        _server.Time.Shift(TimeSpan.FromHours(24));
        await Http.OkAsync("UpdateStreamMode", new { StreamARN = arn, StreamModeDetails = new { StreamMode = "ON_DEMAND" } });
        var warmForProvisioned = await Http.CallAsync("UpdateStreamMode", new { StreamARN = arn, StreamModeDetails = new { StreamMode = "PROVISIONED" }, WarmThroughputMiBps = 10 });

        Assert.Equal("ON_DEMAND", onDemand["StreamModeDetails"]!["StreamMode"]!.GetValue<string>());
        Assert.Equal(2, onDemand["OpenShardCount"]!.GetValue<int>());
        Assert.Equal("ValidationException", split.ErrorType);
        Assert.Equal("LimitExceededException", third.ErrorType);
        Assert.Equal("InvalidArgumentException", warmForProvisioned.ErrorType);
    }

    [Fact]
    public async Task EnhancedMonitoring_UnknownMetric_IsValidationException()
    {
        var response = await Http.CallAsync("EnableEnhancedMonitoring", new { StreamName = "whatever", ShardLevelMetrics = new[] { "Bogus" } });
        Assert.Equal("ValidationException", response.ErrorType);
        Assert.Contains("at 'shardLevelMetrics' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set:", response.Message, StringComparison.Ordinal);
    }
}
