using Microsoft.AspNetCore.Http;
using Orleans.Kinesis.Abstractions.Errors;

namespace Orleans.Kinesis.Gateway.Authentication;

/// <summary>
/// The presence and shape checks of AWS's authentication step (spec §1.8): a request must carry a Signature
/// Version 4 Authorization header (or query authentication) with its Credential, SignedHeaders and Signature parts
/// and a request date. Signature verification against configured keys is a separate step.
/// </summary>
public static class AuthenticationCheck
{
    private const int MaxEchoed = 512;

    public static KinesisException? Check(HttpRequest request)
    {
        var authorization = request.Headers.Authorization;
        var hasQueryAuth = request.Query.ContainsKey("X-Amz-Algorithm");
        if (authorization.Count > 0 && hasQueryAuth)
        {
            return new KinesisException(KinesisErrors.InvalidSignature,
                "Found both 'X-Amz-Algorithm' as a query-string param and 'Authorization' as HTTP header.");
        }

        if (hasQueryAuth)
        {
            return CheckQuery(request.Query);
        }

        if (authorization.Count == 0)
        {
            return new KinesisException(KinesisErrors.MissingAuthenticationToken, "Missing Authentication Token");
        }

        var header = authorization.ToString();
        var missing = new List<string>(4);
        if (!header.Contains("Credential=", StringComparison.Ordinal))
        {
            missing.Add("Authorization header requires 'Credential' parameter.");
        }

        if (!header.Contains("Signature=", StringComparison.Ordinal))
        {
            missing.Add("Authorization header requires 'Signature' parameter.");
        }

        if (!header.Contains("SignedHeaders=", StringComparison.Ordinal))
        {
            missing.Add("Authorization header requires 'SignedHeaders' parameter.");
        }

        if (!request.Headers.ContainsKey("X-Amz-Date") && !request.Headers.ContainsKey("Date"))
        {
            missing.Add("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
        }

        return missing.Count == 0
            ? null
            : new KinesisException(KinesisErrors.IncompleteSignature, string.Join(' ', missing) + " Authorization=" + Echo(header));
    }

    /// <summary>At most a bounded prefix of a client-supplied value, for error messages.</summary>
    public static string Echo(string value) => value.Length <= MaxEchoed ? value : value[..MaxEchoed];

    private static KinesisException? CheckQuery(IQueryCollection query)
    {
        string[] required = ["X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Signature", "X-Amz-SignedHeaders", "X-Amz-Date"];
        var missing = new List<string>();
        foreach (var name in required)
        {
            if (!query.ContainsKey(name))
            {
                missing.Add($"AWS query-string parameters must include '{name}'.");
            }
        }

        return missing.Count == 0
            ? null
            : new KinesisException(KinesisErrors.IncompleteSignature, string.Join(' ', missing) + " Re-examine the query-string parameters.");
    }
}
