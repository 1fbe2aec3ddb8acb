using System.Net;
using Orleans.Kinesis.Host.Tests.Infrastructure;

namespace Orleans.Kinesis.Host.Tests.Rest;

[Trait("Area", "Rest")]
public sealed class RestStreamTests : IClassFixture<RestServer>
{
    private readonly RestServer _server;

    public RestStreamTests(RestServer server) => _server = server;

    [Fact]
    public async Task CreateListDescribeDelete_GoesThroughTheAwsOperations()
    {
        var name = Streams.UniqueName("rest-life");
        var created = (await _server.Rest.PostAsync("/api/v1/streams", new { name, shardCount = 3 })).Ok(HttpStatusCode.Created);
        Assert.Equal(name, created["name"]!.GetValue<string>());
        Assert.Equal(3, created["openShardCount"]!.GetValue<int>());
        Assert.Equal($"arn:aws:kinesis:us-east-1:000000000000:stream/{name}", created["arn"]!.GetValue<string>());

        await Streams.WaitForStatusAsync(_server.Aws, name, "ACTIVE");
        var listed = (await _server.Rest.GetAsync("/api/v1/streams?limit=100")).Ok()["streams"]!.AsArray();
        var entry = listed.Single(s => s!["name"]!.GetValue<string>() == name)!;
        Assert.Equal("ACTIVE", entry["status"]!.GetValue<string>());
        Assert.Equal("PROVISIONED", entry["mode"]!.GetValue<string>());

        var described = (await _server.Rest.GetAsync("/api/v1/streams/" + name)).Ok();
        Assert.Equal(24, described["retentionPeriodHours"]!.GetValue<int>());
        Assert.Equal("NONE", described["encryptionType"]!.GetValue<string>());

        (await _server.Rest.DeleteAsync("/api/v1/streams/" + name)).Ok(HttpStatusCode.Accepted);
        var gone = await _server.Aws.CallAsync("DescribeStreamSummary", new { StreamName = name });
        Assert.True(gone.ErrorType == "ResourceNotFoundException" || gone.Json!["StreamDescriptionSummary"]!["StreamStatus"]!.GetValue<string>() == "DELETING");
    }

    [Fact]
    public async Task Create_OnDemand_HasFourShards()
    {
        var name = Streams.UniqueName("rest-od");
        var created = (await _server.Rest.PostAsync("/api/v1/streams", new { name, mode = "ON_DEMAND" })).Ok(HttpStatusCode.Created);
        Assert.Equal("ON_DEMAND", created["mode"]!.GetValue<string>());
        Assert.Equal(4, created["openShardCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task Create_Errors_AreProblemDetailsWithTheAwsErrorType()
    {
        var name = await Streams.CreateActiveAsync(_server.Aws, "rest-dup", 1);
        var duplicate = await _server.Rest.PostAsync("/api/v1/streams", new { name, shardCount = 1 });
        Assert.Equal($"Stream {name} under account 000000000000 already exists.", duplicate.Problem(HttpStatusCode.Conflict, "ResourceInUseException"));
        Assert.Equal(400, duplicate.Json["awsStatus"]!.GetValue<int>());

        var noName = await _server.Rest.PostAsync("/api/v1/streams", new { shardCount = 1 });
        Assert.Contains("'streamName' failed to satisfy constraint: Member must not be null", noName.Problem(HttpStatusCode.BadRequest, "ValidationException"), StringComparison.Ordinal);

        var badName = await _server.Rest.PostAsync("/api/v1/streams", new { name = "bad name!", shardCount = 1 });
        badName.Problem(HttpStatusCode.BadRequest, "ValidationException");

        var malformed = await _server.Rest.PostRawAsync("/api/v1/streams", "{\"name\":", "application/json");
        malformed.Problem(HttpStatusCode.BadRequest, "SerializationException");
    }

    [Fact]
    public async Task DescribeAndDelete_UnknownStream_Are404()
    {
        var detail = (await _server.Rest.GetAsync("/api/v1/streams/no-such-stream")).Problem(HttpStatusCode.NotFound, "ResourceNotFoundException");
        Assert.Equal("Stream no-such-stream under account 000000000000 not found.", detail);
        (await _server.Rest.DeleteAsync("/api/v1/streams/no-such-stream")).Problem(HttpStatusCode.NotFound, "ResourceNotFoundException");
        (await _server.Rest.GetAsync("/api/v1/nothing-here")).Problem(HttpStatusCode.NotFound, "ResourceNotFoundException");
    }

    [Fact]
    public async Task Reshard_ScalesUniformly_AndRejectsAnOutOfRangeTarget()
    {
        var name = await Streams.CreateActiveAsync(_server.Aws, "rest-scale", 2);
        var scaled = (await _server.Rest.PostAsync($"/api/v1/streams/{name}/reshard", new { targetShardCount = 4 })).Ok(HttpStatusCode.Accepted);
        Assert.Equal(2, scaled["currentShardCount"]!.GetValue<int>());
        Assert.Equal(4, scaled["targetShardCount"]!.GetValue<int>());
        await Streams.WaitForStatusAsync(_server.Aws, name, "ACTIVE");

        var shards = (await _server.Rest.GetAsync($"/api/v1/streams/{name}/shards")).Ok()["shards"]!.AsArray();
        Assert.Equal(4, shards.Count(s => s!["state"]!.GetValue<string>() == "open"));
        Assert.Contains(shards, s => s!["state"]!.GetValue<string>() == "closed");

        var tooFar = await _server.Rest.PostAsync($"/api/v1/streams/{name}/reshard", new { targetShardCount = 100 });
        Assert.StartsWith("UpdateShardCount cannot scale up over double", tooFar.Problem(HttpStatusCode.BadRequest, "LimitExceededException"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Shards_CoverTheHashKeySpace_AndUnknownStreamIs404()
    {
        var name = await Streams.CreateActiveAsync(_server.Aws, "rest-shards", 3);
        var shards = (await _server.Rest.GetAsync($"/api/v1/streams/{name}/shards")).Ok()["shards"]!.AsArray();
        Assert.Equal(3, shards.Count);
        Assert.All(shards, s => Assert.Equal("open", s!["state"]!.GetValue<string>()));
        Assert.Equal("0", shards[0]!["startingHashKey"]!.GetValue<string>());
        Assert.Equal(UInt128.MaxValue.ToString(), shards[2]!["endingHashKey"]!.GetValue<string>());
        for (var i = 1; i < shards.Count; i++)
        {
            Assert.Equal(
                UInt128.Parse(shards[i - 1]!["endingHashKey"]!.GetValue<string>()) + 1,
                UInt128.Parse(shards[i]!["startingHashKey"]!.GetValue<string>()));
        }

        (await _server.Rest.GetAsync("/api/v1/streams/missing/shards")).Problem(HttpStatusCode.NotFound, "ResourceNotFoundException");
    }
}
