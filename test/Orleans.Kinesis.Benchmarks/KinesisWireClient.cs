using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Orleans.Kinesis.Benchmarks;

/// <summary>
/// A raw Kinesis JSON 1.1 client over HTTP/1.1 only (SocketsHttpHandler with a fixed connection
/// limit), sending pre-built bodies with SigV4 headers.
/// </summary>
internal sealed class KinesisWireClient : IDisposable
{
    public const string TargetPrefix = "Kinesis_20131202.";
    private static readonly MediaTypeHeaderValue JsonContentType = new(SigV4Signer.ContentType);

    private readonly HttpClient _http;
    private readonly HttpClient _streaming;
    private readonly Uri _endpoint;
    private readonly string _host;
    private readonly SigV4Signer _signer;
    private readonly TimeProvider _time;

    public KinesisWireClient(Uri endpoint, int maxConnections, SigV4Signer signer, TimeProvider time)
    {
        _endpoint = endpoint;
        _host = endpoint.Authority;
        _signer = signer;
        _time = time;
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = maxConnections,
            UseProxy = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            ConnectTimeout = TimeSpan.FromSeconds(10),
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            EnableMultipleHttp2Connections = false,
        };
        _http = new HttpClient(handler)
        {
            Timeout = TimeSpan.FromSeconds(120),
            DefaultRequestVersion = HttpVersion.Version11,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };

        // Long-lived SubscribeToShard responses get their own connections, so they never starve the request pool.
        _streaming = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256, UseProxy = false, UseCookies = false })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    /// <summary>Sends a signed call and returns once the headers are in; the body is read as it streams (SubscribeToShard).</summary>
    public async Task<HttpResponseMessage> OpenStreamAsync(string operation, byte[] body, CancellationToken cancellationToken)
    {
        var target = TargetPrefix + operation;
        var amzDate = SigV4Signer.FormatAmzDate(_time.GetUtcNow());
        using var request = new HttpRequestMessage(HttpMethod.Post, _endpoint)
        {
            Version = HttpVersion.Version11,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(body),
        };
        request.Content.Headers.ContentType = JsonContentType;
        request.Headers.TryAddWithoutValidation("X-Amz-Target", target);
        request.Headers.TryAddWithoutValidation("X-Amz-Date", amzDate);
        request.Headers.TryAddWithoutValidation("Authorization", _signer.Sign(_host, target, amzDate, body));
        return await _streaming.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The server's address.</summary>
    public Uri Endpoint => _endpoint;

    /// <summary>The X-Amz-Date and Authorization headers of a signed call, for an outside client (wrk) that replays it.</summary>
    public (string AmzDate, string Authorization) SignHeaders(string operation, byte[] body)
    {
        var amzDate = SigV4Signer.FormatAmzDate(_time.GetUtcNow());
        return (amzDate, _signer.Sign(_host, TargetPrefix + operation, amzDate, body));
    }

    /// <summary>GETs a text page of the server (e.g. its Prometheus scrape); null when it does not answer 200.</summary>
    public async Task<string?> GetTextAsync(string path, CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync(new Uri(_endpoint, path), cancellationToken).ConfigureAwait(false);
        return response.IsSuccessStatusCode ? await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false) : null;
    }

    public Task<WireResponse> SendAsync(string operation, byte[] body, CancellationToken cancellationToken)
        => SendTargetAsync(TargetPrefix + operation, body, cancellationToken);

    /// <summary>Sends to a full X-Amz-Target (e.g. <c>Firehose_20150804.PutRecordBatch</c>).</summary>
    public async Task<WireResponse> SendTargetAsync(string target, byte[] body, CancellationToken cancellationToken)
    {
        var amzDate = SigV4Signer.FormatAmzDate(_time.GetUtcNow());
        using var request = new HttpRequestMessage(HttpMethod.Post, _endpoint)
        {
            Version = HttpVersion.Version11,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(body),
        };
        request.Content.Headers.ContentType = JsonContentType;
        request.Headers.TryAddWithoutValidation("X-Amz-Target", target);
        request.Headers.TryAddWithoutValidation("X-Amz-Date", amzDate);
        request.Headers.TryAddWithoutValidation("Authorization", _signer.Sign(_host, target, amzDate, body));
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        return new WireResponse(response.StatusCode, bytes);
    }

    public async Task CreateStreamAsync(string streamName, int shardCount, CancellationToken cancellationToken)
        => Ensure("CreateStream", await SendAsync("CreateStream", KinesisRequestBodies.CreateStream(streamName, shardCount), cancellationToken).ConfigureAwait(false));

    /// <summary>Creates a stream, waits for ACTIVE and, when <paramref name="encrypted"/>, turns server-side encryption on and waits again.</summary>
    public async Task CreateActiveStreamAsync(string streamName, int shardCount, bool encrypted, CancellationToken cancellationToken)
    {
        await CreateStreamAsync(streamName, shardCount, cancellationToken).ConfigureAwait(false);
        await WaitForActiveAsync(streamName, TimeSpan.FromSeconds(60), cancellationToken).ConfigureAwait(false);
        if (encrypted)
        {
            Ensure("StartStreamEncryption", await SendAsync("StartStreamEncryption", KinesisRequestBodies.StartStreamEncryption(streamName), cancellationToken).ConfigureAwait(false));
            await WaitForActiveAsync(streamName, TimeSpan.FromSeconds(60), cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task DeleteStreamAsync(string streamName, CancellationToken cancellationToken)
        => Ensure("DeleteStream", await SendAsync("DeleteStream", KinesisRequestBodies.StreamName(streamName), cancellationToken).ConfigureAwait(false));

    /// <summary>Polls DescribeStreamSummary until the stream is ACTIVE.</summary>
    public async Task WaitForActiveAsync(string streamName, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        while (true)
        {
            var response = Ensure("DescribeStreamSummary", await SendAsync("DescribeStreamSummary", KinesisRequestBodies.StreamName(streamName), cancellationToken).ConfigureAwait(false));
            var status = WireJson.FindString(response.Body, "StreamStatus");
            if (status == "ACTIVE")
            {
                return;
            }

            if (_time.GetElapsedTime(started) > timeout)
            {
                throw new KinesisWireException($"stream {streamName} still {status ?? "<no status>"} after {timeout.TotalSeconds:0} s of DescribeStreamSummary polling");
            }

            // Polling a server's state machine from outside: a short pause between polls.
            await Task.Delay(TimeSpan.FromMilliseconds(50), _time, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<string> GetFirstShardIdAsync(string streamName, CancellationToken cancellationToken)
    {
        var response = Ensure("ListShards", await SendAsync("ListShards", KinesisRequestBodies.StreamName(streamName), cancellationToken).ConfigureAwait(false));
        return WireJson.FindString(response.Body, "ShardId") ?? throw new KinesisWireException("ListShards returned no ShardId");
    }

    public async Task<string> GetShardIteratorAsync(string streamName, string shardId, string iteratorType, CancellationToken cancellationToken)
    {
        var response = Ensure("GetShardIterator", await SendAsync("GetShardIterator", KinesisRequestBodies.GetShardIterator(streamName, shardId, iteratorType), cancellationToken).ConfigureAwait(false));
        return WireJson.FindString(response.Body, "ShardIterator") ?? throw new KinesisWireException("GetShardIterator returned no ShardIterator");
    }

    public void Dispose()
    {
        _http.Dispose();
        _streaming.Dispose();
    }

    public static WireResponse Ensure(string operation, WireResponse response)
    {
        if (!response.IsSuccess)
        {
            var text = Encoding.UTF8.GetString(response.Body.AsSpan(0, Math.Min(response.Body.Length, 400)));
            throw new KinesisWireException($"{operation} failed: HTTP {(int)response.Status} {response.ErrorType}: {text}");
        }

        return response;
    }
}
