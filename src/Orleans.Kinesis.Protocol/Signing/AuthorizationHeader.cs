namespace Orleans.Kinesis.Protocol.Signing;

/// <summary>
/// The parts of an <c>AWS4-HMAC-SHA256 Credential=AKID/yyyymmdd/region/service/aws4_request, SignedHeaders=…, Signature=…</c>
/// header. Parsing is tolerant of spaces and commas between the parts, as the service is.
/// </summary>
public sealed record AuthorizationHeader(
    string AccessKeyId,
    string ScopeDate,
    string Region,
    string Service,
    string Terminator,
    string[] SignedHeaders,
    string SignedHeadersText,
    string Signature)
{
    public const string Algorithm = "AWS4-HMAC-SHA256";

    public string Scope => $"{ScopeDate}/{Region}/{Service}/{Terminator}";

    public static AuthorizationHeader? TryParse(string header)
    {
        if (!header.StartsWith(Algorithm + " ", StringComparison.Ordinal))
        {
            return null;
        }

        string? credential = null, signedHeaders = null, signature = null;
        foreach (var part in header[Algorithm.Length..].Split([',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                continue;
            }

            var value = part[(equals + 1)..];
            switch (part[..equals])
            {
                case "Credential":
                    credential = value;
                    break;
                case "SignedHeaders":
                    signedHeaders = value;
                    break;
                case "Signature":
                    signature = value;
                    break;
            }
        }

        var scope = credential?.Split('/');
        if (scope is not { Length: 5 } || signedHeaders is null || signature is null)
        {
            return null;
        }

        return new AuthorizationHeader(scope[0], scope[1], scope[2], scope[3], scope[4], signedHeaders.Split(';'), signedHeaders, signature);
    }
}
