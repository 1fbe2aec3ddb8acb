using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Orleans.Kinesis.Abstractions.Errors;
using Orleans.Kinesis.Gateway.Authentication;
using Orleans.Kinesis.Gateway.Authorization;
using Orleans.Kinesis.Gateway.Buffers;
using Orleans.Kinesis.Gateway.Diagnostics;
using Orleans.Kinesis.Gateway.Throttling;
using Orleans.Kinesis.Protocol.Cbor;
using Orleans.Kinesis.Protocol.Operations;

namespace Orleans.Kinesis.Gateway.Dispatch;

/// <summary>
/// The terminal request delegate: applies AWS's order of request checks (spec §1.3), reads the body into a pooled
/// buffer, dispatches on <c>X-Amz-Target</c> and writes errors as AWS does. Never answers 500 for a client error.
/// </summary>
public sealed partial class KinesisGateway
{
    private const string XmlUnknownOperation = "<UnknownOperationException/>\n";

    private readonly IOperationHandler?[] _handlers;
    private readonly ILogger<KinesisGateway> _logger;
    private readonly RequestAuthenticator _authenticator;
    private readonly ControlPlaneLimits _limits;
    private readonly AccessPolicies _policies;

    public KinesisGateway(IEnumerable<IOperationHandler> handlers, RequestAuthenticator authenticator, AccessPolicies policies, ControlPlaneLimits limits, ILogger<KinesisGateway> logger)
    {
        _policies = policies;
        _limits = limits;
        _logger = logger;
        _authenticator = authenticator;
        _handlers = new IOperationHandler?[Enum.GetValues<KinesisOperation>().Length];
        foreach (var handler in handlers)
        {
            _handlers[(int)handler.Operation] = handler;
        }
    }

    public async Task InvokeAsync(HttpContext http)
    {
        var response = http.Response;
        response.Headers["x-amzn-RequestId"] = Guid.NewGuid().ToString();
        if (http.Request.Headers.ContainsKey("Origin"))
        {
            response.Headers.AccessControlAllowOrigin = "*";
            response.Headers.AccessControlExposeHeaders = "x-amzn-RequestId,x-amzn-ErrorType,x-amz-request-id,x-amz-id-2,x-amzn-ErrorMessage,Date";
        }

        if (HttpMethods.IsOptions(http.Request.Method))
        {
            WritePreflight(http);
            return;
        }

        var protocol = Protocol(http.Request.ContentType);
        if (!HttpMethods.IsPost(http.Request.Method) || protocol == WireProtocol.None)
        {
            // What the service answers outside the JSON protocol: a legacy XML error (spec §1.3, step 1).
            response.StatusCode = StatusCodes.Status404NotFound;
            response.ContentType = "application/xml";
            await response.WriteAsync(XmlUnknownOperation, http.RequestAborted);
            return;
        }

        var operation = OperationLookup.Find(http.Request.Headers["X-Amz-Target"].ToString());
        var activity = GatewayActivities.StartCall(operation);
        byte[]? body = null;
        try
        {
            // Authenticate on the headers first: a request that cannot be authentic is refused before its body is read.
            var authentication = _authenticator.AuthenticateHeaders(http.Request, SigningService(operation, http.Request), out var signed);
            if (authentication is not null && _authenticator.VerifiesSignatures)
            {
                await RefuseUnreadAsync(http, authentication);
                return;
            }

            int length;
            (body, length) = await RequestBodyReader.ReadAsync(http.Request, operation);

            // The signature covers the bytes as sent, so it is verified before any transcoding; reported in AWS's order below.
            if (signed is not null)
            {
                authentication = _authenticator.VerifyPayload(http.Request, body.AsSpan(0, length), signed);
            }

            if (protocol == WireProtocol.Cbor)
            {
                ResponseSender.UseCbor(http);
                if (length > 0)
                {
                    (body, length) = TranscodeCbor(body, length);
                }
            }

            var handler = _handlers[(int)operation];
            var error = Precheck(operation, handler, body.AsSpan(0, length)) ?? authentication;
            if (error is null && signed is not null)
            {
                error = await _policies.AuthorizeAsync(signed.Header.AccessKeyId, operation, body.AsSpan(0, length));
            }

            error ??= _limits.Check(operation, body.AsSpan(0, length));
            if (error is not null)
            {
                await ResponseSender.SendErrorAsync(http, error);
                return;
            }

            await handler!.HandleAsync(new KinesisRequest(http, operation, body, length));
        }
        catch (KinesisException error)
        {
            await SendErrorIfPossibleAsync(http, error);
        }
        catch (BadHttpRequestException bad)
        {
            if (!response.HasStarted)
            {
                response.StatusCode = bad.StatusCode;
            }
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            // The client went away.
        }
        catch (Exception exception) when (NodeUnavailable.Is(exception))
        {
            Log.NodeUnavailable(_logger, operation, exception.Message);
            await SendErrorIfPossibleAsync(http, new KinesisException(KinesisErrors.InternalFailure, "Internal service failure.", 500));
        }
        catch (Exception exception)
        {
            Log.UnhandledFailure(_logger, operation, exception);
            await SendErrorIfPossibleAsync(http, new KinesisException(KinesisErrors.InternalFailure, "Internal service failure.", 500));
        }
        finally
        {
            GatewayActivities.StopCall(activity, http);
            if (body is not null)
            {
                RequestBodyReader.Return(body);
            }
        }
    }

    private static KinesisException? Precheck(KinesisOperation operation, IOperationHandler? handler, ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty)
        {
            return operation == KinesisOperation.Unknown
                ? new KinesisException(KinesisErrors.UnknownOperation, null)
                : KinesisErrors.SerializationError("Empty request body");
        }

        if (operation == KinesisOperation.Unknown || handler is null)
        {
            return IsJsonObject(body)
                ? new KinesisException(KinesisErrors.UnknownOperation, null)
                : KinesisErrors.SerializationError("Malformed JSON request body");
        }

        return null;
    }

    /// <summary>Firehose calls are signed for the <c>firehose</c> service, known or not; everything else for <c>kinesis</c>.</summary>
    private static string SigningService(KinesisOperation operation, HttpRequest request)
        => OperationLookup.IsFirehose(operation)
            || request.Headers["X-Amz-Target"].ToString().StartsWith(OperationLookup.FirehoseTargetPrefix, StringComparison.Ordinal)
            ? "firehose" : "kinesis";

    private static bool IsJsonObject(ReadOnlySpan<byte> body)
    {
        try
        {
            var reader = new Utf8JsonReader(body);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            reader.Skip();
            return !reader.Read();
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static WireProtocol Protocol(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType))
        {
            return WireProtocol.None;
        }

        var semicolon = contentType.IndexOf(';', StringComparison.Ordinal);
        var mediaType = (semicolon >= 0 ? contentType.AsSpan(0, semicolon) : contentType.AsSpan()).Trim();
        return mediaType.Equals(ResponseSender.JsonContentType, StringComparison.OrdinalIgnoreCase) ? WireProtocol.Json
            : mediaType.Equals(ResponseSender.CborContentType, StringComparison.OrdinalIgnoreCase) ? WireProtocol.Cbor
            : WireProtocol.None;
    }

    /// <summary>CBOR requests are served by the JSON handlers: the body is transcoded once, here (the old buffer is returned).</summary>
    private static (byte[] Body, int Length) TranscodeCbor(byte[] cbor, int length)
    {
        using var json = new PooledBufferWriter(length + (length / 2) + 64);
        CborToJson.Transcode(cbor.AsSpan(0, length), json); // throws with the caller still owning the CBOR buffer
        RequestBodyReader.Return(cbor);
        var written = json.WrittenCount;
        return (json.Detach(), written);
    }

    /// <summary>
    /// Answers an unauthenticated request without reading its body. On an HTTP/1.x connection with body bytes still to
    /// come the answer says <c>Connection: close</c> and the request's body limit drops to zero, so once the answer is
    /// sent Kestrel closes the connection instead of reading and discarding the rest of the body (for up to five
    /// seconds): a flood of refused uploads must not take the bandwidth and CPU well-behaved clients need.
    /// </summary>
    private static async Task RefuseUnreadAsync(HttpContext http, KinesisException error)
    {
        if (RequestBodyReader.HasUnreadBody(http.Request) && !HttpProtocol.IsHttp2(http.Request.Protocol) && !HttpProtocol.IsHttp3(http.Request.Protocol))
        {
            http.Response.Headers.Connection = "close";
            if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            {
                limit.MaxRequestBodySize = 0;
            }
        }

        await ResponseSender.SendErrorAsync(http, error);
    }

    private static async Task SendErrorIfPossibleAsync(HttpContext http, KinesisException error)
    {
        if (!http.Response.HasStarted)
        {
            await ResponseSender.SendErrorAsync(http, error);
        }
    }

    private static void WritePreflight(HttpContext http)
    {
        var headers = http.Response.Headers;
        headers.AccessControlAllowOrigin = "*";
        headers.AccessControlMaxAge = "172800";
        var requested = http.Request.Headers.AccessControlRequestHeaders;
        if (requested.Count > 0)
        {
            headers.AccessControlAllowHeaders = requested;
        }

        var method = http.Request.Headers.AccessControlRequestMethod;
        if (method.Count > 0)
        {
            headers.AccessControlAllowMethods = method;
        }

        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentLength = 0;
    }

    private enum WireProtocol
    {
        None,
        Json,
        Cbor,
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = GatewayEventIds.UnhandledFailure, Level = LogLevel.Error, Message = "Operation {Operation} failed unexpectedly")]
        public static partial void UnhandledFailure(ILogger logger, KinesisOperation operation, Exception exception);

        [LoggerMessage(EventId = GatewayEventIds.NodeUnavailable, Level = LogLevel.Warning, Message = "Operation {Operation} answered InternalFailure (retryable): a node of the cluster is unreachable ({Reason})")]
        public static partial void NodeUnavailable(ILogger logger, KinesisOperation operation, string reason);
    }
}
