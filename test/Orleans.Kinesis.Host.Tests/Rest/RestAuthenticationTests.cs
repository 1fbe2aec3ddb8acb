using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Orleans.Kinesis.Protocol.Signing;

namespace Orleans.Kinesis.Host.Tests.Rest;

[Trait("Area", "Rest")]
public sealed class RestAuthenticationTests : IClassFixture<SecuredRestServer>
{
    private readonly SecuredRestServer _server;

    public RestAuthenticationTests(SecuredRestServer server) => _server = server;

    [Fact]
    public async Task WithoutCredentials_IsMissingAuthenticationToken()
        => (await _server.Rest.GetAsync("/api/v1/streams")).Problem(HttpStatusCode.Unauthorized, "MissingAuthenticationTokenException");

    [Fact]
    public async Task ConfiguredBearerToken_IsAccepted_AndAnotherIsNot()
    {
        var accepted = await _server.Rest.SendAsync(Bearer(HttpMethod.Get, "/api/v1/streams", SecuredRestServer.Token));
        accepted.Ok();
        var rejected = await _server.Rest.SendAsync(Bearer(HttpMethod.Get, "/api/v1/streams", "not-the-token"));
        rejected.Problem(HttpStatusCode.Forbidden, "UnrecognizedClientException");
    }

    [Fact]
    public async Task SigV4SignedRequest_IsAccepted_AndAWrongSecretIsNot()
    {
        (await _server.Rest.SendAsync(Signed(HttpMethod.Get, "/api/v1/streams", null, SecuredRestServer.SecretAccessKey))).Ok();
        (await _server.Rest.SendAsync(Signed(HttpMethod.Get, "/api/v1/streams", null, "wrong-secret"))).Problem(HttpStatusCode.Forbidden, "InvalidSignatureException");
    }

    [Fact]
    public async Task SigV4SignedPost_CoversTheBody_WhichTheRouteThenReads()
    {
        var body = "{\"name\":\"signed-rest\",\"shardCount\":1}";
        var created = await _server.Rest.SendAsync(Signed(HttpMethod.Post, "/api/v1/streams", body, SecuredRestServer.SecretAccessKey));
        Assert.Equal("signed-rest", created.Ok(HttpStatusCode.Created)["name"]!.GetValue<string>());
        var tampered = Signed(HttpMethod.Post, "/api/v1/streams", body, SecuredRestServer.SecretAccessKey);
        tampered.Content = new StringContent("{\"name\":\"other-rest\",\"shardCount\":1}", Encoding.UTF8, "application/json");
        (await _server.Rest.SendAsync(tampered)).Problem(HttpStatusCode.Forbidden, "InvalidSignatureException");
    }

    [Fact]
    public async Task ConsoleAndOpenApi_AreServedWithoutCredentials()
    {
        Assert.Equal(HttpStatusCode.OK, (await _server.Rest.GetAsync("/console/")).Status);
        Assert.Equal(HttpStatusCode.OK, (await _server.Rest.GetAsync("/openapi/v1.json")).Status);
    }

    private static HttpRequestMessage Bearer(HttpMethod method, string path, string token)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    private HttpRequestMessage Signed(HttpMethod method, string path, string? body, string secret)
    {
        var now = DateTimeOffset.UtcNow;
        var amzDate = now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var date = amzDate[..8];
        var host = _server.Endpoint.Authority;
        var payloadHash = SignatureV4.HexSha256(Encoding.UTF8.GetBytes(body ?? string.Empty));
        // The content type is signed too, as the gateway requires whenever the request has one.
        const string ContentType = "application/json; charset=utf-8";
        var signedHeaders = body is null ? "host;x-amz-date" : "content-type;host;x-amz-date";
        (string, string)[] headers = body is null
            ? [("host", host), ("x-amz-date", amzDate)]
            : [("content-type", ContentType), ("host", host), ("x-amz-date", amzDate)];
        var canonical = SignatureV4.CanonicalRequest(method.Method, path, [], headers, signedHeaders, payloadHash);
        var scope = $"{date}/us-east-1/kinesis/aws4_request";
        var signature = SignatureV4.Signature(SignatureV4.SigningKey(secret, date, "us-east-1", "kinesis"), SignatureV4.StringToSign(amzDate, scope, canonical));
        var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        request.Headers.TryAddWithoutValidation("X-Amz-Date", amzDate);
        request.Headers.TryAddWithoutValidation("Authorization",
            $"AWS4-HMAC-SHA256 Credential={SecuredRestServer.AccessKeyId}/{scope}, SignedHeaders={signedHeaders}, Signature={signature}");
        return request;
    }
}
