using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Orleans.Kinesis.Gateway.Health;

/// <summary>
/// <c>GET /healthz</c>: the process answers (liveness). <c>GET /readyz</c>: every <see cref="IReadinessCheck"/> holds
/// (readiness), 503 naming the failing checks otherwise. Neither needs a signature nor shows anything but check names.
/// </summary>
public sealed partial class HealthEndpoints
{
    public const string LivePath = "/healthz";
    public const string ReadyPath = "/readyz";
    private static readonly TimeSpan CheckBound = TimeSpan.FromSeconds(3);

    private readonly IReadinessCheck[] _checks;
    private readonly ILogger<HealthEndpoints> _logger;

    public HealthEndpoints(IEnumerable<IReadinessCheck> checks, ILogger<HealthEndpoints> logger)
    {
        _checks = [.. checks];
        _logger = logger;
    }

    /// <summary>Whether the request is a health probe (a GET of one of the two paths).</summary>
    public static bool Matches(HttpRequest request)
        => HttpMethods.IsGet(request.Method) && (request.Path.Equals(LivePath, StringComparison.Ordinal) || request.Path.Equals(ReadyPath, StringComparison.Ordinal));

    public async Task InvokeAsync(HttpContext http)
    {
        http.Response.ContentType = "text/plain; charset=utf-8";
        http.Response.Headers.CacheControl = "no-store";
        if (http.Request.Path.Equals(LivePath, StringComparison.Ordinal))
        {
            await http.Response.WriteAsync("ok\n", http.RequestAborted);
            return;
        }

        var failing = new List<string>();
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
        bound.CancelAfter(CheckBound);
        foreach (var check in _checks)
        {
            bool ready;
            try
            {
                ready = await check.IsReadyAsync(bound.Token);
            }
            catch (Exception exception) when (!http.RequestAborted.IsCancellationRequested)
            {
                Log.CheckFailed(_logger, check.Name, exception);
                ready = false;
            }

            if (!ready)
            {
                failing.Add(check.Name);
            }
        }

        if (failing.Count == 0)
        {
            await http.Response.WriteAsync("ready\n", http.RequestAborted);
            return;
        }

        var text = new StringBuilder("not ready:");
        foreach (var name in failing)
        {
            text.Append(' ').Append(name);
        }

        http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        await http.Response.WriteAsync(text.Append('\n').ToString(), http.RequestAborted);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = GatewayEventIds.NotReady, Level = LogLevel.Debug, Message = "Readiness check {Check} failed")]
        public static partial void CheckFailed(ILogger logger, string check, Exception exception);
    }
}
