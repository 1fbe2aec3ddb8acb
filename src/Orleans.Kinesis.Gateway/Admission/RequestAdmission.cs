using Microsoft.AspNetCore.Http;
using Orleans.Kinesis.Abstractions.Errors;
using Orleans.Kinesis.Gateway.Dispatch;
using Orleans.Kinesis.Gateway.Health;
using Orleans.Kinesis.Gateway.Rest;
using Orleans.Kinesis.Protocol.Operations;

namespace Orleans.Kinesis.Gateway.Admission;

/// <summary>
/// Request middleware: a request on a connection with a limiter (HTTP/2: many requests share one connection) takes
/// one of its slots, waits in its queue, or, when the queue is full, gets the throttling answer its operation gives on
/// AWS, which SDKs retry with back-off: ProvisionedThroughputExceededException for the data plane (Kinesis), 503
/// ServiceUnavailableException for Firehose puts, LimitExceededException for everything else; a REST call gets 429
/// problem details. A request holds its slot until it completes, except SubscribeToShard, which frees it once its event
/// stream starts: established subscriptions never take slots from short requests. Health probes are never held.
/// </summary>
internal static class RequestAdmission
{
    public static Task InvokeAsync(HttpContext http, RequestDelegate next)
    {
        var admission = http.Features.Get<ConnectionAdmission>();
        return admission is null || HealthEndpoints.Matches(http.Request) ? next(http) : AdmitAsync(http, next, admission);
    }

    private static async Task AdmitAsync(HttpContext http, RequestDelegate next, ConnectionAdmission admission)
    {
        AdmissionSlot? slot;
        try
        {
            slot = await admission.EnterAsync(http.RequestAborted);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            return; // the client gave up while it waited
        }

        if (slot is null)
        {
            await RefuseAsync(http, admission);
            return;
        }

        using (slot)
        {
            var target = http.Request.Headers["X-Amz-Target"].ToString();
            if (target.EndsWith(".SubscribeToShard", StringComparison.Ordinal))
            {
                http.Response.OnStarting(AdmissionSlot.ReleaseAsync, slot);
            }

            await next(http);
        }
    }

    private static async Task RefuseAsync(HttpContext http, ConnectionAdmission admission)
    {
        var target = http.Request.Headers["X-Amz-Target"].ToString();
        var message = $"Rate exceeded: this connection already has {admission.PermitLimit} requests in progress and {admission.QueueLimit} waiting. Retry later or use another connection.";
        if (target.Length == 0)
        {
            await RestProblem.From(new KinesisException(KinesisErrors.ProvisionedThroughputExceeded, message)).ExecuteAsync(http);
            return;
        }

        http.Response.Headers["x-amzn-RequestId"] = Guid.NewGuid().ToString();
        if (http.Request.ContentType?.StartsWith(ResponseSender.CborContentType, StringComparison.OrdinalIgnoreCase) == true)
        {
            ResponseSender.UseCbor(http);
        }

        await ResponseSender.SendErrorAsync(http, Refusal(OperationLookup.Find(target), message));
    }

    /// <summary>What the service answers a client that sends an operation faster than it may (spec §5.2, firehose.md §1).</summary>
    internal static KinesisException Refusal(KinesisOperation operation, string message) => operation switch
    {
        KinesisOperation.PutRecord or KinesisOperation.PutRecords or KinesisOperation.GetRecords or KinesisOperation.GetShardIterator
            => new KinesisException(KinesisErrors.ProvisionedThroughputExceeded, message),
        KinesisOperation.FirehosePutRecord or KinesisOperation.FirehosePutRecordBatch
            => new KinesisException(FirehoseErrors.ServiceUnavailable, message, StatusCodes.Status503ServiceUnavailable),
        _ => KinesisErrors.LimitExceededError(message),
    };
}
