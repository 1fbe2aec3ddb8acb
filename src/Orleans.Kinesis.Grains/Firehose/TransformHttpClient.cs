namespace Orleans.Kinesis.Grains.Firehose;

/// <summary>The one HTTP client the transform workers share for HTTP hooks (no proxy, pooled connections).</summary>
public sealed class TransformHttpClient : IDisposable
{
    public TransformHttpClient()
        => Client = new HttpClient(new SocketsHttpHandler { UseProxy = false, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1) })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };

    public HttpClient Client { get; }

    public void Dispose() => Client.Dispose();
}
