using System.Net;
using System.Text.Json.Nodes;

namespace Orleans.Kinesis.Host.Tests.Security;

/// <summary>
/// A hostile client replays or alters signed requests: everything that decides what a call does must be covered by
/// the signature, or the call is refused with the service's InvalidSignatureException.
/// </summary>
[Trait("Area", "Security")]
public sealed class SignatureCoverageTests : IClassFixture<HardenedServerFixture>
{
    private const string Prefix = "Kinesis_20131202.";
    private readonly HardenedServerFixture _server;
    private readonly HttpClient _client = new();

    public SignatureCoverageTests(HardenedServerFixture server) => _server = server;

    [Fact]
    public async Task UnsignedTarget_SwappedFromDescribeToDelete_IsRefused_AndTheStreamSurvives()
    {
        var stream = "cover-" + Guid.NewGuid().ToString("N")[..8];
        var body = $$"""{"StreamName":"{{stream}}"}""";
        var created = await SendAsync(_server.Signer.Sign(Prefix + "CreateStream", $$"""{"StreamName":"{{stream}}","ShardCount":1}"""));
        Assert.Equal(HttpStatusCode.OK, created.Status);

        var swapped = await SendAsync(_server.Signer.Sign(Prefix + "DescribeStreamSummary", body, "content-type;host;x-amz-date", sendTarget: Prefix + "DeleteStream"));
        var described = await SendAsync(_server.Signer.Sign(Prefix + "DescribeStreamSummary", body));

        swapped.AssertError("InvalidSignatureException", "'X-Amz-Target' must be a 'SignedHeader' in the AWS Authorization.");
        Assert.Equal(HttpStatusCode.OK, described.Status);
    }

    [Fact]
    public async Task SignedTarget_Swapped_FailsTheSignature()
    {
        var swapped = await SendAsync(_server.Signer.Sign(Prefix + "ListStreams", "{}", sendTarget: Prefix + "DescribeLimits"));

        Assert.Equal("InvalidSignatureException", swapped.Type);
        Assert.StartsWith("The request signature we calculated does not match", swapped.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BodySwapped_WithTheDeclaredPayloadHash_IsRefused()
    {
        var hash = Orleans.Kinesis.Protocol.Signing.SignatureV4.HexSha256("{}"u8);
        var swapped = await SendAsync(_server.Signer.Sign(Prefix + "ListStreams", "{}", "content-type;host;x-amz-content-sha256;x-amz-date;x-amz-target",
            sendBody: """{"Limit":1}""", contentSha256: hash));

        swapped.AssertError("InvalidSignatureException", "The provided 'x-amz-content-sha256' header does not match what was computed.");
    }

    [Fact]
    public async Task UnsignedPayload_IsRefused_EvenWhenTheSignatureMatches()
    {
        var unsigned = await SendAsync(_server.Signer.Sign(Prefix + "ListStreams", "{}", "content-type;host;x-amz-content-sha256;x-amz-date;x-amz-target",
            sendBody: """{"Limit":1}""", contentSha256: "UNSIGNED-PAYLOAD"));

        Assert.Equal("InvalidSignatureException", unsigned.Type);
        Assert.Contains("UNSIGNED", unsigned.Message.ToUpperInvariant(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("content-type;x-amz-date;x-amz-target", "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.")]
    [InlineData("content-type;host;x-amz-target", "'X-Amz-Date' must be a 'SignedHeader' in the AWS Authorization.")]
    [InlineData("host;x-amz-date;x-amz-target", "'Content-Type' must be a 'SignedHeader' in the AWS Authorization.")]
    public async Task MissingSignedHeader_IsRefused(string signedHeaders, string message)
    {
        var response = await SendAsync(_server.Signer.Sign(Prefix + "ListStreams", "{}", signedHeaders));

        response.AssertError("InvalidSignatureException", message);
    }

    [Fact]
    public async Task FullySignedRequest_IsAccepted()
    {
        var response = await SendAsync(_server.Signer.Sign(Prefix + "ListStreams", "{}"));

        Assert.Equal(HttpStatusCode.OK, response.Status);
    }

    private async Task<Answer> SendAsync(HttpRequestMessage request)
    {
        using (request)
        {
            using var response = await _client.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            var json = text.Length > 0 ? JsonNode.Parse(text) : null;
            return new Answer(response.StatusCode, json?["__type"]?.GetValue<string>(), json?["message"]?.GetValue<string>() ?? string.Empty, text);
        }
    }

    private sealed record Answer(HttpStatusCode Status, string? Type, string Message, string Text)
    {
        public void AssertError(string type, string message)
        {
            Assert.True(Status == HttpStatusCode.BadRequest && Type == type && Message == message, $"expected 400 {type} '{message}', got {(int)Status} {Text}");
        }
    }
}
