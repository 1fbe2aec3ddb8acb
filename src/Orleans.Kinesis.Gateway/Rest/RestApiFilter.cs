using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Orleans.Kinesis.Abstractions.Errors;
using Orleans.Kinesis.Gateway.Authentication;
using Orleans.Kinesis.Gateway.Authorization;

namespace Orleans.Kinesis.Gateway.Rest;

/// <summary>
/// Guards every /api/v1 route: authenticates the call as the AWS API does (open when signatures are not verified;
/// otherwise a configured bearer token or a SigV4 signature of a configured access key) and turns the AWS errors
/// the route throws into problem details.
/// </summary>
public sealed class RestApiFilter : IEndpointFilter
{
    private const string BearerPrefix = "Bearer ";

    private readonly RequestAuthenticator _authenticator;
    private readonly BearerToken[] _tokens;

    public RestApiFilter(RequestAuthenticator authenticator, IOptions<RestApiOptions> options)
    {
        _authenticator = authenticator;
        _tokens = [.. options.Value.BearerTokens.Select(BearerToken.Parse)];
    }

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            var (denied, caller) = await AuthenticateAsync(context.HttpContext.Request);
            if (denied is not null)
            {
                return RestProblem.From(denied);
            }

            RestCaller.Current = caller; // the route's AWS operations are authorized as this principal's
            return await next(context);
        }
        catch (KinesisException error)
        {
            return RestProblem.From(error);
        }
    }

    private async Task<(KinesisException? Error, string? Caller)> AuthenticateAsync(HttpRequest request)
    {
        if (!_authenticator.VerifiesSignatures)
        {
            return (null, null);
        }

        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            var presented = Encoding.UTF8.GetBytes(authorization[BearerPrefix.Length..].Trim());
            foreach (var token in _tokens)
            {
                if (CryptographicOperations.FixedTimeEquals(presented, token.Token))
                {
                    return (null, token.Name);
                }
            }

            return (new KinesisException(RequestAuthenticator.UnrecognizedClient, "The bearer token included in the request is invalid."), null);
        }

        // A SigV4-signed request: the headers are checked before any of the body is read; the signature then covers
        // the body, which the route reads again afterwards (Kestrel's MaxRequestBodySize bounds it).
        var error = _authenticator.AuthenticateHeaders(request, "kinesis", out var signed);
        if (error is not null || signed is null)
        {
            return (error, null);
        }

        request.EnableBuffering();
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, request.HttpContext.RequestAborted);
        request.Body.Position = 0;
        return (_authenticator.VerifyPayload(request, body.GetBuffer().AsSpan(0, (int)body.Length), signed), signed.Header.AccessKeyId);
    }
}
