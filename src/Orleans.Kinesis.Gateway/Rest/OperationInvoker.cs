using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Orleans.Kinesis.Abstractions.Errors;
using Orleans.Kinesis.Gateway.Authorization;
using Orleans.Kinesis.Gateway.Dispatch;
using Orleans.Kinesis.Gateway.Throttling;
using Orleans.Kinesis.Protocol.Operations;

namespace Orleans.Kinesis.Gateway.Rest;

/// <summary>
/// Runs an AWS operation in process for the REST API: the request is a JSON 1.1 body composed by the caller, the
/// registered <see cref="IOperationHandler"/> serves it against a synthetic <see cref="HttpContext"/> whose response
/// body is captured, so REST calls get the handlers' validation, limits, durability and errors unchanged.
/// </summary>
public sealed partial class OperationInvoker
{
    private readonly IOperationHandler?[] _handlers;
    private readonly ControlPlaneLimits _limits;
    private readonly AccessPolicies _policies;
    private readonly ILogger<OperationInvoker> _logger;

    public OperationInvoker(IEnumerable<IOperationHandler> handlers, ControlPlaneLimits limits, AccessPolicies policies, ILogger<OperationInvoker> logger)
    {
        _policies = policies;
        _limits = limits;
        _logger = logger;
        _handlers = new IOperationHandler?[Enum.GetValues<KinesisOperation>().Length];
        foreach (var handler in handlers)
        {
            _handlers[(int)handler.Operation] = handler;
        }
    }

    /// <summary>
    /// Serves <paramref name="operation"/> with <paramref name="request"/> as its body and returns the response
    /// document (an empty object for operations without output). Throws the operation's <see cref="KinesisException"/>.
    /// </summary>
    public async Task<JsonElement> InvokeAsync(KinesisOperation operation, JsonObject request, CancellationToken cancellationToken)
    {
        var handler = _handlers[(int)operation] ?? throw new KinesisException(KinesisErrors.UnknownOperation, null);
        var body = JsonSerializer.SerializeToUtf8Bytes(request, RestJson.NodeOptions);
        if (RestCaller.Current is { } caller && await _policies.AuthorizeAsync(caller, operation, body) is { } denied)
        {
            throw denied;
        }

        if (_limits.Check(operation, body) is { } limited)
        {
            throw limited;
        }

        using var captured = new MemoryStream();
        var http = new DefaultHttpContext { RequestAborted = cancellationToken };
        http.Response.Body = captured;
        try
        {
            await handler.HandleAsync(new KinesisRequest(http, operation, body, body.Length));
        }
        catch (KinesisException)
        {
            throw;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception exception) when (NodeUnavailable.Is(exception))
        {
            Log.NodeUnavailable(_logger, operation, exception.Message);
            throw new KinesisException(KinesisErrors.InternalFailure, "Internal service failure.", StatusCodes.Status500InternalServerError);
        }
        catch (Exception exception)
        {
            Log.OperationFailed(_logger, operation, exception);
            throw new KinesisException(KinesisErrors.InternalFailure, "Internal service failure.", StatusCodes.Status500InternalServerError);
        }

        if (captured.Length == 0)
        {
            return JsonDocument.Parse("{}"u8.ToArray()).RootElement;
        }

        using var document = JsonDocument.Parse(captured.GetBuffer().AsMemory(0, (int)captured.Length));
        return document.RootElement.Clone();
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = GatewayEventIds.RestOperationFailed, Level = LogLevel.Error, Message = "REST call of {Operation} failed unexpectedly")]
        public static partial void OperationFailed(ILogger logger, KinesisOperation operation, Exception exception);

        [LoggerMessage(EventId = GatewayEventIds.RestNodeUnavailable, Level = LogLevel.Warning, Message = "REST call of {Operation} answered InternalFailure (retryable): a node of the cluster is unreachable ({Reason})")]
        public static partial void NodeUnavailable(ILogger logger, KinesisOperation operation, string reason);
    }
}
