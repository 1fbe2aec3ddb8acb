using System.Net;
using System.Text;
using Orleans.Kinesis.Host.Tests.Infrastructure;

namespace Orleans.Kinesis.Host.Tests.Rest;

[Trait("Area", "Rest")]
public sealed class RestRecordTests : IClassFixture<RestServer>
{
    private const string Shard0 = "shardId-000000000000";

    private readonly RestServer _server;

    public RestRecordTests(RestServer server) => _server = server;

    [Fact]
    public async Task RecordPostedThroughRest_IsReadBackThroughAwsGetRecords()
    {
        var name = await Streams.CreateActiveAsync(_server.Aws, "rest-put", 1);
        var put = (await _server.Rest.PostAsync($"/api/v1/streams/{name}/records", new { partitionKey = "customer-1", json = new { id = 7, ok = true } }))
            .Ok(HttpStatusCode.Created);
        Assert.Equal(Shard0, put["shardId"]!.GetValue<string>());
        Assert.False(put["encrypted"]!.GetValue<bool>());

        var records = await Streams.ReadAllAsync(_server.Aws, name, Shard0);
        var record = Assert.Single(records);
        Assert.Equal(put["sequenceNumber"]!.GetValue<string>(), record["SequenceNumber"]!.GetValue<string>());
        Assert.Equal("customer-1", record["PartitionKey"]!.GetValue<string>());
        Assert.Equal("{\"id\":7,\"ok\":true}", Encoding.UTF8.GetString(Convert.FromBase64String(record["Data"]!.GetValue<string>())));
    }

    [Fact]
    public async Task RecordPutThroughAwsPutRecord_IsReadBackThroughRest()
    {
        var name = await Streams.CreateActiveAsync(_server.Aws, "rest-get", 1);
        var put = await _server.Aws.OkAsync("PutRecord", new { StreamName = name, PartitionKey = "pk", Data = Convert.ToBase64String("from aws"u8.ToArray()) });

        var page = (await _server.Rest.GetAsync($"/api/v1/streams/{name}/shards/{Shard0}/records?position=TRIM_HORIZON&limit=10")).Ok();
        var record = Assert.Single(page["records"]!.AsArray())!;
        Assert.Equal(put!["SequenceNumber"]!.GetValue<string>(), record["sequenceNumber"]!.GetValue<string>());
        Assert.Equal("pk", record["partitionKey"]!.GetValue<string>());
        Assert.Equal("from aws", Encoding.UTF8.GetString(Convert.FromBase64String(record["data"]!.GetValue<string>())));
        var arrival = DateTimeOffset.Parse(record["arrivalTime"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(arrival, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(1));
        Assert.NotNull(page["nextToken"]);
        Assert.Equal(0, page["millisBehindLatest"]!.GetValue<long>());
    }

    [Fact]
    public async Task RawBody_WithPartitionKeyQuery_IsStoredAsIs()
    {
        var name = await Streams.CreateActiveAsync(_server.Aws, "rest-raw", 1);
        (await _server.Rest.PostRawAsync($"/api/v1/streams/{name}/records?partitionKey=raw", "plain bytes", "text/plain")).Ok(HttpStatusCode.Created);
        var record = Assert.Single(await Streams.ReadAllAsync(_server.Aws, name, Shard0));
        Assert.Equal("plain bytes", Encoding.UTF8.GetString(Convert.FromBase64String(record["Data"]!.GetValue<string>())));
        Assert.Equal("raw", record["PartitionKey"]!.GetValue<string>());

        var noKey = await _server.Rest.PostRawAsync($"/api/v1/streams/{name}/records", "x", "application/octet-stream");
        Assert.Contains("'partitionKey' failed to satisfy constraint", noKey.Problem(HttpStatusCode.BadRequest, "ValidationException"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Batch_FailsOnlyTheBadEntry_AsPutRecordsDoes()
    {
        var name = await Streams.CreateActiveAsync(_server.Aws, "rest-batch", 2);
        var result = (await _server.Rest.PostAsync($"/api/v1/streams/{name}/records", new
        {
            records = new object[]
            {
                new { partitionKey = "a", text = "one" },
                new { partitionKey = "b", data = Convert.ToBase64String("two"u8.ToArray()) },
            },
        })).Ok();
        Assert.Equal(0, result["failedRecordCount"]!.GetValue<int>());
        Assert.Equal(2, result["records"]!.AsArray().Count);
        Assert.All(result["records"]!.AsArray(), r => Assert.NotNull(r!["sequenceNumber"]));

        var tooMany = new object[501];
        Array.Fill(tooMany, new { partitionKey = "k", text = "x" });
        var rejected = await _server.Rest.PostAsync($"/api/v1/streams/{name}/records", new { records = tooMany });
        Assert.Contains("Member must have length less than or equal to 500", rejected.Problem(HttpStatusCode.BadRequest, "ValidationException"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Put_Errors_AreTheAwsErrors()
    {
        var name = await Streams.CreateActiveAsync(_server.Aws, "rest-put-err", 1);
        var both = await _server.Rest.PostAsync($"/api/v1/streams/{name}/records", new { partitionKey = "k", text = "a", data = "YQ==" });
        both.Problem(HttpStatusCode.BadRequest, "InvalidArgumentException");
        var badBase64 = await _server.Rest.PostAsync($"/api/v1/streams/{name}/records", new { partitionKey = "k", data = "not base64!" });
        badBase64.Problem(HttpStatusCode.BadRequest, "SerializationException");
        var tooBig = await _server.Rest.PostAsync($"/api/v1/streams/{name}/records", new { partitionKey = "k", text = new string('x', (1024 * 1024) + 1) });
        tooBig.Problem(HttpStatusCode.BadRequest, "InvalidArgumentException");
        var missing = await _server.Rest.PostAsync("/api/v1/streams/no-such-stream/records", new { partitionKey = "k", text = "a" });
        missing.Problem(HttpStatusCode.NotFound, "ResourceNotFoundException");
        Assert.Empty(await Streams.ReadAllAsync(_server.Aws, name, Shard0));
    }

    [Fact]
    public async Task Read_FromEachPosition_AndContinuesWithTheToken()
    {
        var name = await Streams.CreateActiveAsync(_server.Aws, "rest-pos", 1);
        var sequences = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var put = (await _server.Rest.PostAsync($"/api/v1/streams/{name}/records", new { partitionKey = "k", text = "r" + i })).Ok(HttpStatusCode.Created);
            sequences.Add(put["sequenceNumber"]!.GetValue<string>());
        }

        var records = $"/api/v1/streams/{name}/shards/{Shard0}/records";
        var first = (await _server.Rest.GetAsync(records + "?limit=2")).Ok();
        Assert.Equal(sequences[..2], first["records"]!.AsArray().Select(r => r!["sequenceNumber"]!.GetValue<string>()));
        var token = Uri.EscapeDataString(first["nextToken"]!.GetValue<string>());
        var rest = (await _server.Rest.GetAsync(records + "?token=" + token)).Ok();
        Assert.Equal(sequences[2], Assert.Single(rest["records"]!.AsArray())!["sequenceNumber"]!.GetValue<string>());

        var at = (await _server.Rest.GetAsync(records + "?position=AT_SEQUENCE_NUMBER&sequenceNumber=" + sequences[1])).Ok();
        Assert.Equal(sequences[1..], at["records"]!.AsArray().Select(r => r!["sequenceNumber"]!.GetValue<string>()));
        var after = (await _server.Rest.GetAsync(records + "?position=AFTER_SEQUENCE_NUMBER&sequenceNumber=" + sequences[1])).Ok();
        Assert.Equal(sequences[2], Assert.Single(after["records"]!.AsArray())!["sequenceNumber"]!.GetValue<string>());
        var latest = (await _server.Rest.GetAsync(records + "?position=LATEST")).Ok();
        Assert.Empty(latest["records"]!.AsArray());
        var since = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddMinutes(-10).ToString("O"));
        var timed = (await _server.Rest.GetAsync(records + "?position=AT_TIMESTAMP&timestamp=" + since)).Ok();
        Assert.Equal(3, timed["records"]!.AsArray().Count);
    }

    [Fact]
    public async Task Read_Errors_AreTheAwsErrors()
    {
        var name = await Streams.CreateActiveAsync(_server.Aws, "rest-read-err", 1);
        var records = $"/api/v1/streams/{name}/shards/{Shard0}/records";
        (await _server.Rest.GetAsync(records + "?position=SOMEWHERE")).Problem(HttpStatusCode.BadRequest, "ValidationException");
        (await _server.Rest.GetAsync(records + "?position=AT_SEQUENCE_NUMBER")).Problem(HttpStatusCode.BadRequest, "InvalidArgumentException");
        (await _server.Rest.GetAsync(records + "?position=AT_TIMESTAMP&timestamp=yesterday")).Problem(HttpStatusCode.BadRequest, "InvalidArgumentException");
        (await _server.Rest.GetAsync(records + "?limit=0")).Problem(HttpStatusCode.BadRequest, "ValidationException");
        (await _server.Rest.GetAsync(records + "?token=garbage")).Problem(HttpStatusCode.BadRequest, "InvalidArgumentException");
        (await _server.Rest.GetAsync($"/api/v1/streams/{name}/shards/shardId-000000000009/records")).Problem(HttpStatusCode.NotFound, "ResourceNotFoundException");
    }
}
