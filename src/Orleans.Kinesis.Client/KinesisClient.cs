using System.IO.Pipelines;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Orleans.Kinesis.Client.Errors;
using Orleans.Kinesis.Client.Http;
using Orleans.Kinesis.Client.Json;
using Orleans.Kinesis.Client.Model;
using Orleans.Kinesis.Protocol.EventStream;

namespace Orleans.Kinesis.Client;

/// <summary>
/// A typed async client of every Kinesis Data Streams operation over the AWS JSON 1.1 protocol, signed with SigV4
/// and retried with jittered exponential back-off on throttling and 5xx. Thread-safe; share one per endpoint.
/// </summary>
public sealed partial class KinesisClient : IDisposable
{
    private const string TargetPrefix = "Kinesis_20131202";
    private static readonly KinesisJsonContext Ctx = KinesisJsonContext.Default;

    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly AwsJsonTransport _transport;

    /// <summary>A client with its own handler chain (retries, signing, HTTP/1.1 and h2c sockets).</summary>
    public KinesisClient(KinesisClientOptions options)
        : this(KinesisHttp.CreateClient(options, TimeProvider.System), options, ownsHttp: true)
    {
    }

    internal KinesisClient(HttpClient http, KinesisClientOptions options, bool ownsHttp)
    {
        _http = http;
        _ownsHttp = ownsHttp;
        _transport = new AwsJsonTransport(http, options.ResolveEndpoint("kinesis"), TargetPrefix, options.RequestTimeout, options.UseCbor);
    }

    public Uri Endpoint => _transport.Endpoint;

    /// <summary>
    /// SubscribeToShard over HTTP/2 (h2c with prior knowledge on http://, ALPN on https://): yields each
    /// <see cref="SubscribeToShardEvent"/> until the subscription ends (about 5 minutes, or the shard's end).
    /// An exception message in the stream is thrown as its typed <see cref="KinesisServiceException"/>.
    /// </summary>
    public async IAsyncEnumerable<SubscribeToShardEvent> SubscribeToShardAsync(SubscribeToShardRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var message = _transport.CreateRequest("SubscribeToShard", JsonSerializer.SerializeToUtf8Bytes(request, Ctx.SubscribeToShardRequest));
        message.Version = HttpVersion.Version20;
        message.VersionPolicy = _transport.Endpoint.Scheme == Uri.UriSchemeHttp ? HttpVersionPolicy.RequestVersionExact : HttpVersionPolicy.RequestVersionOrHigher;
        using var response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        await AwsJsonTransport.EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var reader = PipeReader.Create(stream);
        var decoded = new List<SubscribeToShardEvent>();
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                var buffer = result.Buffer;
                while (EventStreamReader.TryRead(ref buffer, out var eventMessage))
                {
                    if (SubscribeToShardEvents.Decode(eventMessage!, response.StatusCode) is { } shardEvent)
                    {
                        decoded.Add(shardEvent);
                    }
                }

                reader.AdvanceTo(buffer.Start, buffer.End);
                foreach (var shardEvent in decoded)
                {
                    yield return shardEvent;
                }

                decoded.Clear();
                if (result.IsCompleted)
                {
                    yield break;
                }
            }
        }
        finally
        {
            await reader.CompleteAsync().ConfigureAwait(false);
        }
    }

    public void Dispose()
    {
        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }
}
