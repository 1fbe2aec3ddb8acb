using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Orleans.Kinesis.Protocol.Signing;

namespace Orleans.Kinesis.Host.Tests.Security;

/// <summary>
/// Signs raw requests with this repository's SigV4 functions, with full control over what is signed and what is sent,
/// so a test can sign one thing and send another (the real SDK signers are exercised by the RealClients tests).
/// </summary>
public sealed class TestSigner
{
    private readonly Uri _endpoint;
    private readonly string _accessKeyId;
    private readonly string _secret;

    public TestSigner(Uri endpoint, string accessKeyId, string secret)
    {
        _endpoint = endpoint;
        _accessKeyId = accessKeyId;
        _secret = secret;
    }

    /// <summary>
    /// A request for <paramref name="target"/> with <paramref name="body"/>, signed over <paramref name="signedHeaders"/>
    /// (a subset of content-type, host, x-amz-content-sha256, x-amz-date, x-amz-target). <paramref name="sendTarget"/>
    /// and <paramref name="sendBody"/> replace what is sent after signing; <paramref name="contentSha256"/> adds that header.
    /// </summary>
    public HttpRequestMessage Sign(
        string target,
        string body,
        string signedHeaders = "content-type;host;x-amz-date;x-amz-target",
        string? sendTarget = null,
        string? sendBody = null,
        string? contentSha256 = null,
        string service = "kinesis")
    {
        var amzDate = DateTimeOffset.UtcNow.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var date = amzDate[..8];
        const string contentType = "application/x-amz-json-1.1";
        var values = new Dictionary<string, string>
        {
            ["content-type"] = contentType,
            ["host"] = _endpoint.Authority,
            ["x-amz-content-sha256"] = contentSha256 ?? string.Empty,
            ["x-amz-date"] = amzDate,
            ["x-amz-target"] = target,
        };
        var names = signedHeaders.Split(';');
        var payloadHash = contentSha256 ?? SignatureV4.HexSha256(Encoding.UTF8.GetBytes(body));
        var canonical = SignatureV4.CanonicalRequest("POST", "/", [], names.Select(n => (n, values[n])).ToList(), signedHeaders, payloadHash);
        var scope = $"{date}/us-east-1/{service}/aws4_request";
        var signature = SignatureV4.Signature(SignatureV4.SigningKey(_secret, date, "us-east-1", service), SignatureV4.StringToSign(amzDate, scope, canonical));

        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_endpoint, "/")) { Content = new StringContent(sendBody ?? body, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        request.Headers.TryAddWithoutValidation("X-Amz-Target", sendTarget ?? target);
        request.Headers.TryAddWithoutValidation("X-Amz-Date", amzDate);
        if (contentSha256 is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Amz-Content-SHA256", contentSha256);
        }

        request.Headers.TryAddWithoutValidation("Authorization",
            $"AWS4-HMAC-SHA256 Credential={_accessKeyId}/{scope}, SignedHeaders={signedHeaders}, Signature={signature}");
        return request;
    }
}
