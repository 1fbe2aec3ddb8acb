using System.Net;
using Microsoft.Extensions.Http.Resilience;

namespace Orleans.Kinesis.Client.Http;

/// <summary>The handler chain of a client built without DI: retries → SigV4 signing → sockets (HTTP/1.1 and h2c).</summary>
internal static class KinesisHttp
{
    public const string HttpClientName = "Orleans.Kinesis.Client";

    public static HttpClient CreateClient(KinesisClientOptions options, TimeProvider time)
    {
        var sockets = CreatePrimaryHandler();
        var signing = new SigV4SigningHandler(options.ResolveCredentials, options.Region, time) { InnerHandler = sockets };
        var retry = new ResilienceHandler(RetryPipeline.Build(options)) { InnerHandler = signing };
        return new HttpClient(retry) { Timeout = Timeout.InfiniteTimeSpan };
    }

    public static SocketsHttpHandler CreatePrimaryHandler() => new()
    {
        EnableMultipleHttp2Connections = true,
        AutomaticDecompression = DecompressionMethods.None,
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
    };
}
