using System.Net;
using Orleans.Kinesis.Host.Tests.Infrastructure;

namespace Orleans.Kinesis.Host.Tests.Protocol;

/// <summary>AWS's order of request checks (spec §1.3) and framework errors, over HTTP/1.1 and h2c.</summary>
[Collection(ServerCollection.Name)]
[Trait("Area", "Protocol")]
public sealed class RequestFramingTests
{
    private readonly ServerFixture _server;

    public RequestFramingTests(ServerFixture server) => _server = server;

    public static TheoryData<int> Versions => new() { 1, 2 };

    private KinesisHttp Http(int version) => version == 1 ? _server.Http1 : _server.Http2;

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task ListStreams_OverEitherProtocol_IsServedOnTheSamePort(int version)
    {
        var response = await Http(version).CallAsync("ListStreams", "{}");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(version == 1 ? new Version(1, 1) : new Version(2, 0), response.Version);
        Assert.Equal("application/x-amz-json-1.1", response.ContentType);
        Assert.True(Guid.TryParse(response.RequestId, out _), "x-amzn-RequestId must be a UUID");
        Assert.NotNull(response.Json!["StreamNames"]);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task EmptyBody_WithKnownTarget_IsSerializationException(int version)
    {
        var response = await Http(version).CallAsync("ListStreams", string.Empty);
        response.AssertError("SerializationException");
    }

    [Fact]
    public async Task EmptyBody_WithUnknownTarget_IsUnknownOperationWithoutMessage()
    {
        var response = await _server.Http1.SendAsync(_server.Http1.Request("Kinesis_20131202.Nope", string.Empty));
        response.AssertError("UnknownOperationException");
        Assert.Null(response.Message);
    }

    [Theory]
    [InlineData("Kinesis_20131202.Frobnicate")]
    [InlineData("Kinesis_20990101.ListStreams")]
    [InlineData("kinesis_20131202.ListStreams")]
    [InlineData(null)]
    public async Task UnknownTarget_IsUnknownOperationException(string? target)
    {
        var response = await _server.Http1.SendAsync(_server.Http1.Request(target, "{}"));
        response.AssertError("UnknownOperationException");
    }

    [Theory]
    [InlineData("{")]
    [InlineData("[]")]
    [InlineData("\"text\"")]
    [InlineData("{\"StreamName\": }")]
    [InlineData("{} trailing")]
    public async Task MalformedJson_IsSerializationException_AndTheConnectionStaysUsable(string body)
    {
        using var http = new KinesisHttp(_server.Endpoint, new Version(1, 1), maxConnections: 1);
        var bad = await http.CallAsync("DescribeStream", body);
        bad.AssertError("SerializationException");

        var good = await http.CallAsync("ListStreams", "{}");
        Assert.Equal(HttpStatusCode.OK, good.Status);
    }

    [Fact]
    public async Task WrongContentType_GetsTheLegacyXmlError()
    {
        var response = await _server.Http1.SendAsync(_server.Http1.Request("Kinesis_20131202.ListStreams", "{}", "text/plain"));

        Assert.Equal(HttpStatusCode.NotFound, response.Status);
        Assert.Contains("<UnknownOperationException/>", response.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingAuthorization_IsMissingAuthenticationToken()
    {
        var response = await _server.Http1.SendAsync(_server.Http1.Request("Kinesis_20131202.ListStreams", "{}", sign: false));
        response.AssertError("MissingAuthenticationTokenException", "Missing Authentication Token");
    }

    [Fact]
    public async Task AuthorizationWithoutSignature_IsIncompleteSignature()
    {
        var request = _server.Http1.Request("Kinesis_20131202.ListStreams", "{}", sign: false);
        const string header = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240115/us-east-1/kinesis/aws4_request, SignedHeaders=host";
        request.Headers.TryAddWithoutValidation("Authorization", header);
        request.Headers.TryAddWithoutValidation("X-Amz-Date", "20240115T120000Z");

        var response = await _server.Http1.SendAsync(request);

        response.AssertError("IncompleteSignatureException", "Authorization header requires 'Signature' parameter. Authorization=" + header);
    }

    [Fact]
    public async Task WrongMemberType_IsSerializationException()
    {
        var response = await _server.Http1.CallAsync("DescribeStream", "{\"StreamName\": 42}");
        response.AssertError("SerializationException", "NUMBER_VALUE can not be converted to a String");
    }

    [Fact]
    public async Task StringTimestamp_IsSerializationException()
    {
        var response = await _server.Http1.CallAsync("GetShardIterator",
            "{\"StreamName\":\"x\",\"ShardId\":\"shardId-000000000000\",\"ShardIteratorType\":\"AT_TIMESTAMP\",\"Timestamp\":\"2024-01-01\"}");
        response.AssertError("SerializationException", "class java.lang.String can not be converted to milliseconds since epoch");
    }

    [Fact]
    public async Task ErrorResponses_CarryTheJsonContentTypeAndRequestId()
    {
        var response = await _server.Http2.CallAsync("DescribeStream", "{\"StreamName\":\"does-not-exist\"}");

        response.AssertError("ResourceNotFoundException", "Stream does-not-exist under account 000000000000 not found.");
        Assert.Equal("application/x-amz-json-1.1", response.ContentType);
        Assert.NotNull(response.RequestId);
    }

    [Fact]
    public async Task Options_WithOrigin_AnswersThePreflight()
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, _server.Endpoint);
        request.Headers.Add("Origin", "http://example.test");
        request.Headers.Add("Access-Control-Request-Method", "POST");
        using var client = new HttpClient();

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Equal("172800", response.Headers.GetValues("Access-Control-Max-Age").Single());
    }
}
