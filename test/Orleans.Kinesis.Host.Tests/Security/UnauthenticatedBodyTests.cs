using System.Globalization;

namespace Orleans.Kinesis.Host.Tests.Security;

/// <summary>
/// Unauthenticated uploads cost the server only their headers: it answers before a byte of the body is sent and
/// closes the connection instead of draining it; an oversized declared length is a 4xx, never a 500.
/// </summary>
[Trait("Area", "Security")]
public sealed class UnauthenticatedBodyTests : IClassFixture<HardenedServerFixture>
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);
    private readonly HardenedServerFixture _server;

    public UnauthenticatedBodyTests(HardenedServerFixture server) => _server = server;

    [Theory]
    [InlineData("", "MissingAuthenticationTokenException")]
    [InlineData("Authorization: AWS4-HMAC-SHA256 Credential=AKIDUNKNOWN/{date}/us-east-1/kinesis/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=00\r\n", "UnrecognizedClientException")]
    [InlineData("Authorization: AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/{date}/us-east-1/kinesis/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=00\r\n", "InvalidSignatureException")]
    public async Task ManyLargeUnauthenticatedUploads_AreAnsweredBeforeTheBodyIsSent_AndClosed(string authorization, string expectedType)
    {
        var now = DateTimeOffset.UtcNow.UtcDateTime;
        var header = authorization.Replace("{date}", now.ToString("yyyyMMdd", CultureInfo.InvariantCulture), StringComparison.Ordinal);
        var uploads = Enumerable.Range(0, 20).Select(async i =>
        {
            await using var socket = await RawSocket.ConnectAsync(_server.Endpoint);
            // 30 MiB announced, not one byte of it sent: the answer can only come from the headers.
            await socket.SendAsync(
                "POST / HTTP/1.1\r\nHost: " + _server.Endpoint.Authority + "\r\n" +
                "Content-Type: application/x-amz-json-1.1\r\nX-Amz-Target: Kinesis_20131202.PutRecords\r\n" +
                "X-Amz-Date: " + now.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture) + "\r\n" + header +
                "Content-Length: 31457280\r\n\r\n");
            return await socket.ReadUntilClosedAsync(Bound, $"unauthenticated upload {i}");
        });

        foreach (var answer in await Task.WhenAll(uploads))
        {
            Assert.StartsWith("HTTP/1.1 400 ", answer, StringComparison.Ordinal);
            Assert.Contains("Connection: close", answer, StringComparison.OrdinalIgnoreCase);
            Assert.Contains(expectedType, answer, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task UnauthenticatedUpload_StillSending_IsCutOffInsteadOfDrained()
    {
        const int Declared = 30 * 1024 * 1024;
        await using var socket = await RawSocket.ConnectAsync(_server.Endpoint);
        await socket.SendAsync(
            "POST / HTTP/1.1\r\nHost: " + _server.Endpoint.Authority + "\r\n" +
            "Content-Type: application/x-amz-json-1.1\r\nX-Amz-Target: Kinesis_20131202.PutRecords\r\n" +
            "Content-Length: " + Declared.ToString(CultureInfo.InvariantCulture) + "\r\n\r\n");

        // 30 MiB is far more than the socket buffers of both ends hold: sending all of it would mean the server read it.
        var sent = await socket.SendZerosUntilFailureAsync(Declared, Bound, "unauthenticated 30 MiB upload");

        Assert.True(sent < Declared, $"the server accepted all {sent} bytes of an unauthenticated body instead of closing the connection");
    }

    [Theory]
    [InlineData("Kinesis_20131202.PutRecords", "4294967296")]
    [InlineData("Kinesis_20131202.ListStreams", "2097152")]
    public async Task SignedRequest_DeclaringMoreThanTheOperationsLimit_Gets413WithoutSendingIt(string target, string contentLength)
    {
        using var signed = _server.Signer.Sign(target, "{}");
        await using var socket = await RawSocket.ConnectAsync(_server.Endpoint);
        var head = "POST / HTTP/1.1\r\nHost: " + _server.Endpoint.Authority + "\r\nContent-Type: application/x-amz-json-1.1\r\n" +
            string.Concat(signed.Headers.Select(h => h.Key + ": " + string.Join(",", h.Value) + "\r\n")) +
            "Content-Length: " + contentLength + "\r\n\r\n";
        await socket.SendAsync(head);

        var answer = await socket.ReadUntilClosedAsync(Bound, "oversized signed upload");

        Assert.StartsWith("HTTP/1.1 413 ", answer, StringComparison.Ordinal);
    }
}
