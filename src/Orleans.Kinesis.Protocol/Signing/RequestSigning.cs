using System.Globalization;

namespace Orleans.Kinesis.Protocol.Signing;

/// <summary>
/// The signer's side of Signature Version 4 on top of <see cref="SignatureV4"/>: the Authorization header value of a
/// request, given the headers to sign. Used by the .NET client; the server's verifier recomputes the same values.
/// </summary>
public static class RequestSigning
{
    /// <summary>The <c>x-amz-date</c> value (basic ISO 8601, UTC) of <paramref name="time"/>.</summary>
    public static string AmzDate(DateTimeOffset time)
        => time.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    /// <summary>
    /// The <c>AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…</c> value for a request with no query string.
    /// <paramref name="headers"/> are signed as given (names are lower-cased and sorted here; values canonicalized).
    /// </summary>
    public static string Authorization(
        string accessKeyId,
        string secretAccessKey,
        string region,
        string service,
        string amzDate,
        string method,
        string path,
        IEnumerable<(string Name, string Value)> headers,
        string payloadHash)
    {
        var canonical = headers
            .Select(h => (Name: h.Name.ToLowerInvariant(), Value: SignatureV4.CanonicalHeaderValue(h.Value)))
            .OrderBy(h => h.Name, StringComparer.Ordinal)
            .ToList();
        var signedHeaders = string.Join(';', canonical.Select(h => h.Name));
        var date = amzDate[..8];
        var scope = $"{date}/{region}/{service}/aws4_request";
        var request = SignatureV4.CanonicalRequest(method, path, [], canonical, signedHeaders, payloadHash);
        var key = SignatureV4.SigningKey(secretAccessKey, date, region, service);
        var signature = SignatureV4.Signature(key, SignatureV4.StringToSign(amzDate, scope, request));
        return $"{AuthorizationHeader.Algorithm} Credential={accessKeyId}/{scope}, SignedHeaders={signedHeaders}, Signature={signature}";
    }
}
