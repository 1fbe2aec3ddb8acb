using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Orleans.Kinesis.Host.Tests.Infrastructure;
using Orleans.Kinesis.Host.Tests.RealClients;
using Orleans.Kinesis.Protocol.Signing;

namespace Orleans.Kinesis.Host.Tests.Authentication;

/// <summary>SigV4 verification against configured keys, with the real signers of the AWS JS SDK and the AWS CLI.</summary>
[Trait("Area", "Authentication")]
public sealed class SignatureVerificationTests : IClassFixture<SigningServerFixture>
{
    private readonly SigningServerFixture _server;

    public SignatureVerificationTests(SigningServerFixture server) => _server = server;

    [Theory]
    [InlineData("", "passed")]
    [InlineData("--http1", "passed")]
    public async Task JavaScriptSdk_WithTheRightSecret_IsAccepted(string transport, string expected)
    {
        var lines = await RunNodeAsync(SigningServerFixture.SecretAccessKey, transport);
        Assert.Equal(expected, lines[^1]["result"]!.GetValue<string>());
        Assert.Equal(200, lines.Single(l => l["step"]?.GetValue<string>() == "ListStreams")["httpStatusCode"]!.GetValue<int>());
    }

    [Fact]
    public async Task JavaScriptSdk_WithAWrongSecret_GetsInvalidSignature()
    {
        var lines = await RunNodeAsync("not-the-secret", string.Empty);
        var error = lines[^1]["error"]!;
        Assert.Equal("failed", lines[^1]["result"]!.GetValue<string>());
        Assert.Equal("InvalidSignatureException", error["name"]!.GetValue<string>());
        Assert.Equal(400, error["httpStatusCode"]!.GetValue<int>());
        Assert.StartsWith("The request signature we calculated does not match the signature you provided.", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AwsCli_WithTheRightSecret_IsAccepted_AndWithAWrongOneIsRejected()
    {
        using var right = new AwsCli(_server.Endpoint, SigningServerFixture.AccessKeyId, SigningServerFixture.SecretAccessKey);
        using var wrong = new AwsCli(_server.Endpoint, SigningServerFixture.AccessKeyId, "not-the-secret");
        using var unknown = new AwsCli(_server.Endpoint, "AKIDUNKNOWN", SigningServerFixture.SecretAccessKey);

        var listed = await right.OkAsync("list-streams");
        var rejected = await wrong.RunAsync("list-streams");
        var unrecognized = await unknown.RunAsync("list-streams");

        Assert.NotNull(listed!["StreamNames"]);
        Assert.NotEqual(0, rejected.ExitCode);
        Assert.Contains("InvalidSignatureException", rejected.Stderr, StringComparison.Ordinal);
        Assert.NotEqual(0, unrecognized.ExitCode);
        Assert.Contains("UnrecognizedClientException", unrecognized.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RawRequest_SignedCorrectly_IsAccepted_AndTamperedBodyIsNot()
    {
        using var client = new HttpClient { BaseAddress = _server.Endpoint };
        var now = DateTimeOffset.UtcNow;

        using var good = Signed(now, "{}", SigningServerFixture.SecretAccessKey);
        using var goodResponse = await client.SendAsync(good);
        using var tampered = Signed(now, "{}", SigningServerFixture.SecretAccessKey, sendBody: "{ }");
        using var tamperedResponse = await client.SendAsync(tampered);

        Assert.Equal(HttpStatusCode.OK, goodResponse.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, tamperedResponse.StatusCode);
        Assert.Equal("InvalidSignatureException", JsonNode.Parse(await tamperedResponse.Content.ReadAsStringAsync())!["__type"]!.GetValue<string>());
    }

    [Fact]
    public async Task RawRequest_OutsideTheFiveMinuteWindow_IsRejectedWithTheServiceMessage()
    {
        using var client = new HttpClient { BaseAddress = _server.Endpoint };
        var stale = DateTimeOffset.UtcNow.AddMinutes(-6);

        using var request = Signed(stale, "{}", SigningServerFixture.SecretAccessKey);
        using var response = await client.SendAsync(request);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("InvalidSignatureException", body["__type"]!.GetValue<string>());
        Assert.StartsWith("Signature expired: " + stale.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture) + " is now earlier than ",
            body["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RawRequest_ScopedToAnotherService_IsRejected()
    {
        using var client = new HttpClient { BaseAddress = _server.Endpoint };
        using var request = Signed(DateTimeOffset.UtcNow, "{}", SigningServerFixture.SecretAccessKey, service: "firehose");
        using var response = await client.SendAsync(request);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal("InvalidSignatureException", body["__type"]!.GetValue<string>());
        Assert.Equal("Credential should be scoped to correct service: 'kinesis'. ", body["message"]!.GetValue<string>());
    }

    /// <summary>A ListStreams request signed with this repository's signer (the JS SDK and CLI tests use real signers).</summary>
    private HttpRequestMessage Signed(DateTimeOffset time, string body, string secret, string? sendBody = null, string service = "kinesis")
    {
        var amzDate = time.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var date = amzDate[..8];
        var host = _server.Endpoint.Authority;
        const string target = "Kinesis_20131202.ListStreams";
        const string contentType = "application/x-amz-json-1.1";
        var canonical = SignatureV4.CanonicalRequest("POST", "/", [],
            [("content-type", contentType), ("host", host), ("x-amz-date", amzDate), ("x-amz-target", target)],
            "content-type;host;x-amz-date;x-amz-target", SignatureV4.HexSha256(Encoding.UTF8.GetBytes(body)));
        var scope = $"{date}/us-east-1/{service}/aws4_request";
        var signature = SignatureV4.Signature(SignatureV4.SigningKey(secret, date, "us-east-1", service), SignatureV4.StringToSign(amzDate, scope, canonical));

        var request = new HttpRequestMessage(HttpMethod.Post, "/") { Content = new StringContent(sendBody ?? body, Encoding.UTF8) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        request.Headers.TryAddWithoutValidation("X-Amz-Target", target);
        request.Headers.TryAddWithoutValidation("X-Amz-Date", amzDate);
        request.Headers.TryAddWithoutValidation("Authorization",
            $"AWS4-HMAC-SHA256 Credential={SigningServerFixture.AccessKeyId}/{scope}, SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature={signature}");
        return request;
    }

    private async Task<List<JsonNode>> RunNodeAsync(string secret, string transport)
    {
        var node = RepoPaths.FindOnPath("node");
        Assert.True(node is not null, "node is not on PATH; the real-client tests need Node.js.");
        List<string> arguments = [RepoPaths.ScenarioScript, "list-streams", "--endpoint", _server.Endpoint.ToString().TrimEnd('/')];
        if (transport.Length > 0)
        {
            arguments.Add(transport);
        }

        var environment = new Dictionary<string, string?>
        {
            ["KINESIS_TEST_ACCESS_KEY_ID"] = SigningServerFixture.AccessKeyId,
            ["KINESIS_TEST_SECRET_ACCESS_KEY"] = secret,
        };
        var result = await ChildProcess.RunAsync(node!, arguments, TimeSpan.FromSeconds(60), environment, RepoPaths.JsDirectory);
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonNode.Parse(line)!).ToList();
        Assert.True(lines.Count > 0, result.Describe());
        return lines;
    }
}
