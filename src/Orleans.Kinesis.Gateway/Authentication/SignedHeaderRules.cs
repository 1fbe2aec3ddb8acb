using Microsoft.AspNetCore.Http;
using Orleans.Kinesis.Abstractions.Errors;
using Orleans.Kinesis.Protocol.Signing;

namespace Orleans.Kinesis.Gateway.Authentication;

/// <summary>
/// What a signature must cover, as the service enforces it: the host and the request date, every <c>x-amz-*</c>
/// header the request carries (so <c>X-Amz-Target</c> cannot be swapped), the content type, and the real SHA-256 of
/// the payload (no <c>UNSIGNED-PAYLOAD</c>). Checked on the headers alone, before the body is read.
/// </summary>
public static class SignedHeaderRules
{
    private const int MaxEchoedName = 64;

    public static KinesisException? Check(HttpRequest request, AuthorizationHeader header)
    {
        var signed = header.SignedHeaders;
        if (!Contains(signed, "host") && !Contains(signed, ":authority"))
        {
            return NotSigned("'Host' or ':authority'");
        }

        if (request.Headers.ContainsKey("X-Amz-Date") ? !Contains(signed, "x-amz-date") : !Contains(signed, "date"))
        {
            return NotSigned(request.Headers.ContainsKey("X-Amz-Date") ? "'X-Amz-Date'" : "'Date'");
        }

        if (request.Headers.ContainsKey("Content-Type") && !Contains(signed, "content-type"))
        {
            return NotSigned("'Content-Type'");
        }

        foreach (var (name, _) in request.Headers)
        {
            if (name.StartsWith("x-amz-", StringComparison.OrdinalIgnoreCase) && !Contains(signed, name))
            {
                return NotSigned("'" + (name.Length > MaxEchoedName ? name[..MaxEchoedName] : name) + "'");
            }
        }

        var declared = request.Headers["X-Amz-Content-SHA256"].ToString();
        if (declared.Length > 0 && !IsHexSha256(declared))
        {
            return new KinesisException(KinesisErrors.InvalidSignature,
                "The 'x-amz-content-sha256' header must be the hex SHA-256 of the payload; this service does not accept unsigned or streaming payloads.");
        }

        return null;
    }

    private static bool Contains(string[] signed, string name)
    {
        foreach (var candidate in signed)
        {
            if (string.Equals(candidate, name, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsHexSha256(string value)
    {
        if (value.Length != 64)
        {
            return false;
        }

        foreach (var c in value)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    private static KinesisException NotSigned(string what)
        => new(KinesisErrors.InvalidSignature, what + " must be a 'SignedHeader' in the AWS Authorization.");
}
