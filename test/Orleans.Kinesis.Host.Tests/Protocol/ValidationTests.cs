using System.Text.Json.Nodes;
using Orleans.Kinesis.Host.Tests.Infrastructure;

namespace Orleans.Kinesis.Host.Tests.Protocol;

/// <summary>Model-constraint failures give ValidationException in AWS's message format, and leave data untouched.</summary>
[Collection(ServerCollection.Name)]
[Trait("Area", "Protocol")]
public sealed class ValidationTests
{
    private readonly ServerFixture _server;

    public ValidationTests(ServerFixture server) => _server = server;

    [Fact]
    public async Task CreateStream_WithoutName_ReportsTheNullMember()
    {
        var response = await _server.Http1.CallAsync("CreateStream", new { ShardCount = 1 });
        response.AssertError("ValidationException",
            "1 validation error detected: Value null at 'streamName' failed to satisfy constraint: Member must not be null");
    }

    [Fact]
    public async Task CreateStream_WithSeveralBadMembers_ListsEveryFailure()
    {
        var response = await _server.Http1.CallAsync("CreateStream", new { StreamName = "bad name!", ShardCount = 0 });
        response.AssertError("ValidationException",
            "2 validation errors detected: Value 'bad name!' at 'streamName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+; "
            + "Value '0' at 'shardCount' failed to satisfy constraint: Member must have value greater than or equal to 1");
    }

    [Fact]
    public async Task GetShardIterator_WithUnknownType_ReportsTheEnum()
    {
        var response = await _server.Http1.CallAsync("GetShardIterator", new { StreamName = "s", ShardId = "shardId-000000000000", ShardIteratorType = "OLDEST" });
        response.AssertError("ValidationException",
            "1 validation error detected: Value 'OLDEST' at 'shardIteratorType' failed to satisfy constraint: Member must satisfy enum value set: [AT_SEQUENCE_NUMBER, AFTER_SEQUENCE_NUMBER, TRIM_HORIZON, LATEST, AT_TIMESTAMP]");
    }

    [Fact]
    public async Task PutRecords_BadEntries_ReportMemberPaths_AndStoreNothing()
    {
        var stream = await Streams.CreateActiveAsync(_server.Http1, "validation", 1);
        var response = await _server.Http1.CallAsync("PutRecords", new
        {
            StreamName = stream,
            Records = new object[]
            {
                new { Data = "AAAA", PartitionKey = "ok" },
                new { Data = "AAAA", PartitionKey = new string('k', 257) },
                new { PartitionKey = "no-data" },
                new { Data = "AAAA", PartitionKey = "x", ExplicitHashKey = "012" },
            },
        });

        response.AssertError("ValidationException",
            $"3 validation errors detected: Value '{new string('k', 257)}' at 'records.2.member.partitionKey' failed to satisfy constraint: Member must have length less than or equal to 256; "
            + "Value null at 'records.3.member.data' failed to satisfy constraint: Member must not be null; "
            + "Value '012' at 'records.4.member.explicitHashKey' failed to satisfy constraint: Member must satisfy regular expression pattern: 0|([1-9]\\d{0,38})");
        Assert.Empty(await Streams.ReadAllAsync(_server.Http1, stream, "shardId-000000000000"));
    }

    [Fact]
    public async Task PutRecords_With501Entries_IsRejectedWhole()
    {
        var stream = await Streams.CreateActiveAsync(_server.Http1, "validation", 1);
        var records = Enumerable.Range(0, 501).Select(i => new { Data = "AAAA", PartitionKey = "k" + i }).ToArray();

        var response = await _server.Http1.CallAsync("PutRecords", new { StreamName = stream, Records = records });

        Assert.Equal("ValidationException", response.ErrorType);
        Assert.Contains("at 'records' failed to satisfy constraint: Member must have length less than or equal to 500", response.Message, StringComparison.Ordinal);
        Assert.Empty(await Streams.ReadAllAsync(_server.Http1, stream, "shardId-000000000000"));
    }

    [Theory]
    [InlineData("AAA", "'AAA' can not be converted to a Blob: Base64 encoded length is expected a multiple of 4 bytes but found: 3")]
    [InlineData("AA*A", "'AA*A' can not be converted to a Blob: Invalid Base64 encoding")]
    public async Task PutRecord_WithBadBase64_IsSerializationException(string data, string message)
    {
        var stream = await Streams.CreateActiveAsync(_server.Http1, "validation", 1);
        var response = await _server.Http1.CallAsync("PutRecord", new { StreamName = stream, Data = data, PartitionKey = "k" });

        response.AssertError("SerializationException", message);
        Assert.Empty(await Streams.ReadAllAsync(_server.Http1, stream, "shardId-000000000000"));
    }

    [Fact]
    public async Task PutRecord_OverTheStreamRecordSize_IsInvalidArgument()
    {
        var stream = await Streams.CreateActiveAsync(_server.Http1, "validation", 1);
        var data = Convert.ToBase64String(new byte[1024 * 1024]);

        var response = await _server.Http1.CallAsync("PutRecord", new { StreamName = stream, Data = data, PartitionKey = "k" });

        Assert.Equal("InvalidArgumentException", response.ErrorType);
        Assert.Empty(await Streams.ReadAllAsync(_server.Http1, stream, "shardId-000000000000"));
    }

    [Fact]
    public async Task PutRecord_ExplicitHashKeyOutOfRange_IsInvalidArgument()
    {
        var stream = await Streams.CreateActiveAsync(_server.Http1, "validation", 1);
        const string key = "340282366920938463463374607431768211456";

        var response = await _server.Http1.CallAsync("PutRecord", new { StreamName = stream, Data = "AAAA", PartitionKey = "k", ExplicitHashKey = key });

        response.AssertError("InvalidArgumentException",
            "Invalid ExplicitHashKey. ExplicitHashKey must be in the range: [0, 2^128-1]. Specified value was " + key);
    }

    [Fact]
    public async Task NullMembers_AreTreatedAsAbsent()
    {
        var response = await _server.Http1.CallAsync("ListStreams", "{\"Limit\": null, \"ExclusiveStartStreamName\": null}");
        Assert.Equal(System.Net.HttpStatusCode.OK, response.Status);
        Assert.IsType<JsonArray>(response.Json!["StreamNames"]);
    }
}
