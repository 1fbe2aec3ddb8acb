using System.Net;
using System.Net.Http.Headers;
using Orleans.Kinesis.Host.Tests.Infrastructure;

namespace Orleans.Kinesis.Host.Tests.Protocol;

/// <summary>
/// Every operation in <c>application/x-amz-cbor-1.1</c> (the Java SDK's default): blobs as byte strings, timestamps as
/// tag 1 with integer milliseconds, errors as CBOR maps with JSON's status codes.
/// </summary>
[Collection(ServerCollection.Name)]
[Trait("Area", "Protocol")]
public sealed class CborTests
{
    private readonly ServerFixture _server;

    public CborTests(ServerFixture server) => _server = server;

    [Fact]
    public async Task PutAndGetRecords_InCbor_CarryBlobsAsByteStringsAndTimestampsAsTag1Milliseconds()
    {
        var stream = Streams.UniqueName("cbor");
        var (created, createdBody) = await CallAsync("CreateStream", new Dictionary<string, object?> { ["StreamName"] = stream, ["ShardCount"] = 1 });
        Assert.Equal(HttpStatusCode.OK, created);
        Assert.Empty(createdBody);
        await Streams.WaitForStatusAsync(_server.Http1, stream, "ACTIVE");
        var data = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();

        var (_, put) = await CallAsync("PutRecord", new Dictionary<string, object?> { ["StreamName"] = stream, ["PartitionKey"] = "k", ["Data"] = data });
        var putMap = Map(put);
        var (_, iterator) = await CallAsync("GetShardIterator", new Dictionary<string, object?>
        {
            ["StreamName"] = stream,
            ["ShardId"] = (string)putMap["ShardId"]!,
            ["ShardIteratorType"] = "AT_TIMESTAMP",
            ["Timestamp"] = new TestCbor.Tagged(1, _server.Time.GetUtcNow().AddMinutes(-1).ToUnixTimeMilliseconds()),
        });
        var (_, records) = await CallAsync("GetRecords", new Dictionary<string, object?> { ["ShardIterator"] = (string)Map(iterator)["ShardIterator"]! });

        var record = Map(((List<object?>)Map(records)["Records"]!).Single());
        Assert.Equal(putMap["SequenceNumber"], record["SequenceNumber"]);
        Assert.Equal(data, Assert.IsType<byte[]>(record["Data"]));
        var arrival = Assert.IsType<TestCbor.Tagged>(record["ApproximateArrivalTimestamp"]);
        Assert.Equal(1UL, arrival.Tag);
        var arrivalMs = Assert.IsType<long>(arrival.Value);
        Assert.InRange(_server.Time.GetUtcNow().ToUnixTimeMilliseconds() - arrivalMs, 0, 60_000); // server time: other tests shift it
    }

    [Fact]
    public async Task DescribeStreamSummary_InCbor_HasTag1CreationTimestamp()
    {
        var stream = await Streams.CreateActiveAsync(_server.Http1, "cbor-describe", 1);
        var (status, body) = await CallAsync("DescribeStreamSummary", new Dictionary<string, object?> { ["StreamName"] = stream });

        var summary = Map(Map(body)["StreamDescriptionSummary"]);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("ACTIVE", summary["StreamStatus"]);
        Assert.Equal(1L, summary["OpenShardCount"]);
        Assert.Equal(1UL, Assert.IsType<TestCbor.Tagged>(summary["StreamCreationTimestamp"]).Tag);
    }

    [Fact]
    public async Task Errors_InCbor_AreCborMapsWithTheJsonStatus()
    {
        var (status, body) = await CallAsync("DescribeStream", new Dictionary<string, object?> { ["StreamName"] = "no-such-stream" });

        var error = Map(body);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("ResourceNotFoundException", error["__type"]);
        Assert.Equal("Stream no-such-stream under account 000000000000 not found.", error["message"]);
    }

    [Fact]
    public async Task MalformedCbor_IsSerializationException()
    {
        using var request = _server.Http1.Request("Kinesis_20131202.ListStreams", null, "application/x-amz-cbor-1.1");
        request.Content = new ByteArrayContent([0xbf, 0x61]); // an indefinite map cut off inside its first key
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-amz-cbor-1.1");
        using var client = new HttpClient { BaseAddress = _server.Endpoint };

        using var response = await client.SendAsync(request);
        var error = Map(TestCbor.Decode(await response.Content.ReadAsByteArrayAsync()));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("SerializationException", error["__type"]);
    }

    private async Task<(HttpStatusCode Status, byte[] Body)> CallAsync(string operation, Dictionary<string, object?> body)
    {
        using var request = _server.Http2.Request("Kinesis_20131202." + operation, null, "application/x-amz-cbor-1.1");
        request.Content = new ByteArrayContent(TestCbor.Encode(body));
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-amz-cbor-1.1");
        request.Version = HttpVersion.Version20;
        request.VersionPolicy = HttpVersionPolicy.RequestVersionExact;
        using var client = new HttpClient { BaseAddress = _server.Endpoint };
        using var response = await client.SendAsync(request);
        Assert.Equal("application/x-amz-cbor-1.1", response.Content.Headers.ContentType?.MediaType);
        return (response.StatusCode, await response.Content.ReadAsByteArrayAsync());
    }

    private static Dictionary<string, object?> Map(byte[] body) => Map(TestCbor.Decode(body));

    private static Dictionary<string, object?> Map(object? value) => Assert.IsType<Dictionary<string, object?>>(value);
}
