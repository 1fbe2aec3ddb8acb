using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
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
        (await _server.Rest.SendAsync(Signed("/api/v1/streams", SecuredRestServer.SecretAccessKey))).Ok();
        (await _server.Rest.SendAsync(Signed("/api/v1/streams", "wrong-secret"))).Problem(HttpStatusCode.Forbidden, "InvalidSignatureException");
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

    private HttpRequestMessage Signed(string path, string secret)
    {
        var now = DateTimeOffset.UtcNow;
        var amzDate = now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var date = amzDate[..8];
        var host = _server.Endpoint.Authority;
        var payloadHash = SignatureV4.HexSha256([]);
        var canonical = SignatureV4.CanonicalRequest("GET", path, [], [("host", host), ("x-amz-date", amzDate)], "host;x-amz-date", payloadHash);
        var scope = $"{date}/us-east-1/kinesis/aws4_request";
        var signature = SignatureV4.Signature(SignatureV4.SigningKey(secret, date, "us-east-1", "kinesis"), SignatureV4.StringToSign(amzDate, scope, canonical));
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("X-Amz-Date", amzDate);
        request.Headers.TryAddWithoutValidation("Authorization",
            $"AWS4-HMAC-SHA256 Credential={SecuredRestServer.AccessKeyId}/{scope}, SignedHeaders=host;x-amz-date, Signature={signature}");
        return request;
    }
}
