using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Orleans.Kinesis.Gateway.Authentication;
using Orleans.Kinesis.Protocol.CloudWatch;

namespace Orleans.Kinesis.Gateway.CloudWatch;

/// <summary>
/// The CloudWatch API on the gateway's port, in the two protocols real clients send: AWS JSON 1.0
/// (<c>X-Amz-Target: GraniteServiceVersion20100801.Action</c>, the AWS SDK for JavaScript v3 and botocore ≥ 1.36)
/// and the query protocol (form-encoded <c>Action=…</c>, XML answers; AWS CLI 2.9). Signed for <c>monitoring</c>.
/// </summary>
public sealed class CloudWatchEndpoint
{
    public const string TargetPrefix = "GraniteServiceVersion20100801.";
    public const string JsonContentType = "application/x-amz-json-1.0";
    public const string FormContentType = "application/x-www-form-urlencoded";
    public const int MaxBodyBytes = 1024 * 1024;

    private readonly CloudWatchOperations _operations;
    private readonly RequestAuthenticator _authenticator;

    public CloudWatchEndpoint(CloudWatchOperations operations, RequestAuthenticator authenticator)
    {
        _operations = operations;
        _authenticator = authenticator;
    }

    /// <summary>Whether the request is a CloudWatch call (checked on every request: two header comparisons).</summary>
    public static bool Matches(HttpRequest request)
    {
        var contentType = request.ContentType;
        if (contentType is null || !HttpMethods.IsPost(request.Method))
        {
            return false;
        }

        return contentType.StartsWith(FormContentType, StringComparison.OrdinalIgnoreCase)
            || (contentType.StartsWith(JsonContentType, StringComparison.OrdinalIgnoreCase)
                && request.Headers["X-Amz-Target"].ToString().StartsWith(TargetPrefix, StringComparison.Ordinal));
    }

    public async Task InvokeAsync(HttpContext http)
    {
        var requestId = Guid.NewGuid().ToString();
        http.Response.Headers["x-amzn-RequestId"] = requestId;
        var json = http.Request.ContentType!.StartsWith(JsonContentType, StringComparison.OrdinalIgnoreCase);
        var action = "";
        try
        {
            // Headers first (nothing of an unauthenticated body is read), then the payload hash and signature.
            var denied = _authenticator.AuthenticateHeaders(http.Request, "monitoring", out var signed);
            var body = denied is null ? await ReadBodyAsync(http.Request) : [];
            if (denied is null && signed is not null)
            {
                denied = _authenticator.VerifyPayload(http.Request, body, signed);
            }

            if (denied is not null)
            {
                var code = denied.ErrorType.EndsWith("Exception", StringComparison.Ordinal) ? denied.ErrorType[..^"Exception".Length] : denied.ErrorType;
                throw new CloudWatchException(code, denied.ErrorMessage ?? code, denied.StatusCode);
            }

            JsonObject input;
            if (json)
            {
                action = http.Request.Headers["X-Amz-Target"].ToString()[TargetPrefix.Length..];
                input = (body.Length == 0 ? new JsonObject() : JsonNode.Parse(body) as JsonObject)
                    ?? throw new CloudWatchException("SerializationException", "The request body is not a JSON object.");
            }
            else
            {
                input = QueryForm.Parse(body);
                action = CloudWatchInput.String(input["Action"]) ?? throw CloudWatchException.Missing("Action");
            }

            var result = await _operations.InvokeAsync(action, input, http.RequestAborted);
            await SendAsync(http, 200, json ? JsonContentType : "text/xml", json ? CloudWatchResponse.Json(result) : CloudWatchResponse.Xml(action, result, requestId));
        }
        catch (JsonException)
        {
            await SendErrorAsync(http, json, new CloudWatchException("SerializationException", "The request body is not valid JSON."), requestId);
        }
        catch (CloudWatchException error)
        {
            await SendErrorAsync(http, json, error, requestId);
        }
    }

    private static Task SendErrorAsync(HttpContext http, bool json, CloudWatchException error, string requestId)
    {
        var sender = error.StatusCode < 500;
        if (json)
        {
            // The JSON protocol of a query-compatible service carries the query error code in this header.
            http.Response.Headers["x-amzn-query-error"] = error.Code + (sender ? ";Sender" : ";Receiver");
            return SendAsync(http, error.StatusCode, JsonContentType, CloudWatchResponse.JsonError(error.JsonType, error.Message));
        }

        return SendAsync(http, error.StatusCode, "text/xml", CloudWatchResponse.XmlError(error.Code, error.Message, requestId, sender));
    }

    private static async Task SendAsync(HttpContext http, int status, string contentType, byte[] body)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = contentType;
        http.Response.ContentLength = body.Length;
        await http.Response.Body.WriteAsync(body, http.RequestAborted);
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                throw new CloudWatchException("RequestEntityTooLarge", "The request body is larger than 1 MiB.", 413);
            }

            await buffer.WriteAsync(chunk.AsMemory(0, read), request.HttpContext.RequestAborted);
        }

        return buffer.ToArray();
    }
}
