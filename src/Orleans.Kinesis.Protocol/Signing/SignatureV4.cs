using System.Security.Cryptography;
using System.Text;

namespace Orleans.Kinesis.Protocol.Signing;

/// <summary>The Signature Version 4 computations (spec §1.8), as pure functions.</summary>
public static class SignatureV4
{
    public const string EmptyPayloadHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    /// <summary>kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service), "aws4_request").</summary>
    public static byte[] SigningKey(string secret, string date, string region, string service)
    {
        var key = HMACSHA256.HashData(Encoding.UTF8.GetBytes("AWS4" + secret), Encoding.UTF8.GetBytes(date));
        key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(region));
        key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(service));
        return HMACSHA256.HashData(key, "aws4_request"u8);
    }

    /// <summary>
    /// The canonical request: method, canonical URI, canonical query, canonical headers (each <c>name:value\n</c>),
    /// an empty line, the signed-headers list and the payload hash, joined by newlines.
    /// </summary>
    public static string CanonicalRequest(
        string method,
        string path,
        IEnumerable<KeyValuePair<string, string>> query,
        IReadOnlyList<(string Name, string Value)> headers,
        string signedHeaders,
        string payloadHash)
    {
        var builder = new StringBuilder(256);
        builder.Append(method).Append('\n');
        builder.Append(CanonicalUri(path)).Append('\n');
        builder.Append(CanonicalQuery(query)).Append('\n');
        foreach (var (name, value) in headers)
        {
            builder.Append(name).Append(':').Append(value).Append('\n');
        }

        builder.Append('\n').Append(signedHeaders).Append('\n').Append(payloadHash);
        return builder.ToString();
    }

    public static string StringToSign(string requestTime, string scope, string canonicalRequest)
        => "AWS4-HMAC-SHA256\n" + requestTime + "\n" + scope + "\n" + HexSha256(Encoding.UTF8.GetBytes(canonicalRequest));

    public static string Signature(byte[] signingKey, string stringToSign)
        => Convert.ToHexStringLower(HMACSHA256.HashData(signingKey, Encoding.UTF8.GetBytes(stringToSign)));

    public static string HexSha256(ReadOnlySpan<byte> data)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(data, hash);
        return Convert.ToHexStringLower(hash);
    }

    /// <summary>A header value as signers canonicalize it: trimmed, with inner runs of spaces collapsed to one.</summary>
    public static string CanonicalHeaderValue(string value)
    {
        var trimmed = value.Trim();
        if (!trimmed.Contains("  ", StringComparison.Ordinal) && !trimmed.Contains('\t', StringComparison.Ordinal))
        {
            return trimmed;
        }

        var builder = new StringBuilder(trimmed.Length);
        var space = false;
        foreach (var c in trimmed)
        {
            if (c is ' ' or '\t')
            {
                space = true;
                continue;
            }

            if (space)
            {
                builder.Append(' ');
                space = false;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    private static string CanonicalUri(string path)
    {
        if (string.IsNullOrEmpty(path) || path == "/")
        {
            return "/";
        }

        var segments = path.Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            segments[i] = UriEncode(segments[i]);
        }

        return string.Join('/', segments);
    }

    private static string CanonicalQuery(IEnumerable<KeyValuePair<string, string>> query)
    {
        var pairs = query.Select(p => (Name: UriEncode(p.Key), Value: UriEncode(p.Value)))
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ThenBy(p => p.Value, StringComparer.Ordinal);
        return string.Join('&', pairs.Select(p => p.Name + "=" + p.Value));
    }

    /// <summary>RFC 3986 encoding: unreserved characters kept, everything else as %XX with upper-case hex.</summary>
    private static string UriEncode(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~')
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }
}
