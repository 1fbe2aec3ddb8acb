using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Orleans.Kinesis.Abstractions.Errors;
using Orleans.Kinesis.Protocol.Signing;

namespace Orleans.Kinesis.Gateway.Authentication;

/// <summary>
/// AWS's authentication step (spec §1.3 steps 5–6, §1.8): the Authorization header must be present and well formed;
/// when <see cref="GatewayOptions.VerifySignatures"/> is on, the Signature Version 4 signature is recomputed with the
/// secret of the access key id and compared, the credential scope is checked and the request time must be within
/// five minutes of the server's clock.
/// </summary>
public sealed class RequestAuthenticator
{
    public const string UnrecognizedClient = "UnrecognizedClientException";
    private const string TimeFormat = "yyyyMMdd'T'HHmmss'Z'";
    private static readonly TimeSpan AllowedSkew = TimeSpan.FromMinutes(5);

    private readonly GatewayOptions _options;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<(string AccessKeyId, string Date, string Region, string Service), byte[]> _signingKeys = new();

    public RequestAuthenticator(IOptions<GatewayOptions> options, TimeProvider time)
    {
        _options = options.Value;
        _time = time;
    }

    public bool VerifiesSignatures => _options.VerifySignatures;

    /// <summary>
    /// The checks that need only the headers, made before any of the body is read: shape, scope, clock, a known
    /// access key and what the signature must cover. With verification on, a request that passes gets
    /// <paramref name="signed"/>, to be finished by <see cref="VerifyPayload"/> once the body is in.
    /// </summary>
    public KinesisException? AuthenticateHeaders(HttpRequest request, string service, out SignedRequest? signed)
    {
        signed = null;
        var shape = AuthenticationCheck.Check(request);
        if (shape is not null || !_options.VerifySignatures)
        {
            return shape;
        }

        if (request.Query.ContainsKey("X-Amz-Algorithm"))
        {
            return InvalidSignature("Query-string (presigned) authentication is not accepted by this server; sign the Authorization header.");
        }

        var authorization = request.Headers.Authorization.ToString();
        var header = AuthorizationHeader.TryParse(authorization);
        if (header is null)
        {
            return new KinesisException(KinesisErrors.IncompleteSignature,
                "Authorization header is not a valid AWS4-HMAC-SHA256 authorization. Authorization=" + AuthenticationCheck.Echo(authorization));
        }

        if (!TryGetRequestTime(request, out var requestTime, out var requestTimeText))
        {
            return new KinesisException(KinesisErrors.IncompleteSignature,
                "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. Authorization=" + AuthenticationCheck.Echo(authorization));
        }

        var error = CheckScope(header, requestTimeText, service) ?? CheckClock(requestTime);
        if (error is not null)
        {
            return error;
        }

        if (!_options.AccessKeys.TryGetValue(header.AccessKeyId, out var secret))
        {
            return new KinesisException(UnrecognizedClient, "The security token included in the request is invalid.");
        }

        error = SignedHeaderRules.Check(request, header);
        if (error is null)
        {
            signed = new SignedRequest(header, requestTimeText, secret);
        }

        return error;
    }

    /// <summary>Checks the payload hash and the signature of a request whose headers passed <see cref="AuthenticateHeaders"/>.</summary>
    public KinesisException? VerifyPayload(HttpRequest request, ReadOnlySpan<byte> body, SignedRequest signed)
    {
        var payloadHash = SignatureV4.HexSha256(body);
        var declared = request.Headers["X-Amz-Content-SHA256"].ToString();
        if (declared.Length > 0 && !string.Equals(declared, payloadHash, StringComparison.OrdinalIgnoreCase))
        {
            return InvalidSignature("The provided 'x-amz-content-sha256' header does not match what was computed.");
        }

        if (declared.Length > 0)
        {
            payloadHash = declared;
        }

        return CheckSignature(request, signed.Header, signed.RequestTime, signed.Secret, payloadHash);
    }

    private static KinesisException? CheckScope(AuthorizationHeader header, string requestTimeText, string service)
    {
        if (header.Service != service)
        {
            return InvalidSignature($"Credential should be scoped to correct service: '{service}'. ");
        }

        if (header.Region.Length == 0 || !header.Region.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
        {
            return InvalidSignature($"Credential should be scoped to a valid region, not '{AuthenticationCheck.Echo(header.Region)}'. ");
        }

        if (header.Terminator != "aws4_request")
        {
            return InvalidSignature($"Credential should be scoped with a valid terminator: 'aws4_request', not '{AuthenticationCheck.Echo(header.Terminator)}'. ");
        }

        if (header.ScopeDate != requestTimeText[..8])
        {
            return InvalidSignature(
                $"Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '{AuthenticationCheck.Echo(header.ScopeDate)}' != '{requestTimeText[..8]}', from '{requestTimeText}'.");
        }

        return null;
    }

    private KinesisException? CheckClock(DateTimeOffset requestTime)
    {
        var now = _time.GetUtcNow();
        if (requestTime < now - AllowedSkew)
        {
            return InvalidSignature($"Signature expired: {Format(requestTime)} is now earlier than {Format(now - AllowedSkew)} ({Format(now)} - 5 min.)");
        }

        if (requestTime > now + AllowedSkew)
        {
            return InvalidSignature($"Signature not yet current: {Format(requestTime)} is still later than {Format(now + AllowedSkew)} ({Format(now)} + 5 min.)");
        }

        return null;
    }

    private KinesisException? CheckSignature(HttpRequest request, AuthorizationHeader header, string requestTimeText, string secret, string payloadHash)
    {
        var headers = new List<(string Name, string Value)>(header.SignedHeaders.Length);
        foreach (var name in header.SignedHeaders)
        {
            // Over HTTP/2 the host is the :authority pseudo-header, which the JavaScript SDK signs under that name.
            var value = name is "host" or ":authority" ? request.Host.Value ?? string.Empty : CanonicalValues(request.Headers[name]);
            headers.Add((name, value));
        }

        var query = request.Query.SelectMany(pair => pair.Value.Select(value => new KeyValuePair<string, string>(pair.Key, value ?? string.Empty)));
        var canonical = SignatureV4.CanonicalRequest(request.Method, request.Path.Value ?? "/", query, headers, header.SignedHeadersText, payloadHash);
        var stringToSign = SignatureV4.StringToSign(requestTimeText, header.Scope, canonical);
        var key = _signingKeys.GetOrAdd((header.AccessKeyId, header.ScopeDate, header.Region, header.Service),
            static (id, secret) => SignatureV4.SigningKey(secret, id.Date, id.Region, id.Service), secret);
        if (_signingKeys.Count > 1024)
        {
            _signingKeys.Clear();
        }

        var expected = SignatureV4.Signature(key, stringToSign);
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(header.Signature))
            ? null
            : InvalidSignature("The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.");
    }

    private static string CanonicalValues(Microsoft.Extensions.Primitives.StringValues values)
    {
        if (values.Count == 1)
        {
            return SignatureV4.CanonicalHeaderValue(values[0] ?? string.Empty);
        }

        return string.Join(',', values.Select(v => SignatureV4.CanonicalHeaderValue(v ?? string.Empty)));
    }

    private static bool TryGetRequestTime(HttpRequest request, out DateTimeOffset time, out string text)
    {
        var amzDate = request.Headers["X-Amz-Date"].ToString();
        if (amzDate.Length > 0)
        {
            text = amzDate;
            return DateTimeOffset.TryParseExact(amzDate, TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out time);
        }

        var date = request.Headers.Date.ToString();
        if (date.Length > 0 && DateTimeOffset.TryParseExact(date, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out time))
        {
            text = Format(time);
            return true;
        }

        time = default;
        text = string.Empty;
        return false;
    }

    private static string Format(DateTimeOffset time) => time.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture);

    private static KinesisException InvalidSignature(string message) => new(KinesisErrors.InvalidSignature, message);
}
