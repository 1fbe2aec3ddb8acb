using System.Buffers;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Orleans.Kinesis.Protocol.EventStream;

namespace Orleans.Kinesis.Host.Tests.Infrastructure;

/// <summary>
/// A SubscribeToShard call read message by message as the server streams it, over HTTP/1.1 or h2c, every message
/// decoded with both CRCs checked. Waits are bounded and name what was awaited.
/// </summary>
public sealed class EventSubscription : IAsyncDisposable
{
    public static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(20);

    private readonly HttpResponseMessage _response;
    private readonly Stream _body;
    private readonly CancellationTokenSource _cancel;
    private readonly byte[] _chunk = new byte[64 * 1024];
    private byte[] _pending = [];
    private bool _ended;

    private EventSubscription(HttpResponseMessage response, Stream body, CancellationTokenSource cancel)
    {
        _response = response;
        _body = body;
        _cancel = cancel;
    }

    public Version Version => _response.Version;

    public string? ContentType => _response.Content.Headers.ContentType?.MediaType;

    /// <summary>Calls SubscribeToShard; returns the subscription or, when the call failed before streaming, the error response.</summary>
    public static async Task<(EventSubscription? Subscription, KinesisResponse? Error)> StartAsync(KinesisHttp http, object body)
    {
        var cancel = new CancellationTokenSource();
        var response = await http.SendStreamingAsync(http.Request("Kinesis_20131202.SubscribeToShard", JsonSerializer.Serialize(body)), cancel.Token);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            using (response)
            {
                cancel.Dispose();
                var text = await response.Content.ReadAsStringAsync();
                return (null, new KinesisResponse(response.StatusCode, response.Version, text, response.Content.Headers.ContentType?.MediaType, null));
            }
        }

        var stream = await response.Content.ReadAsStreamAsync(cancel.Token);
        return (new EventSubscription(response, stream, cancel), null);
    }

    /// <summary>Subscribes and asserts success and the initial-response event.</summary>
    public static async Task<EventSubscription> OpenAsync(KinesisHttp http, object body)
    {
        var (subscription, error) = await StartAsync(http, body);
        Assert.True(subscription is not null, $"SubscribeToShard failed: {(int?)error?.Status} {error?.Text}");
        Assert.Equal(EventStreamTokens.ContentType, subscription.ContentType);
        var first = await subscription.NextAsync("the initial-response");
        Assert.NotNull(first);
        Assert.Equal("event", first.Header(":message-type"));
        Assert.Equal("initial-response", first.Header(":event-type"));
        Assert.Equal("{}", Encoding.UTF8.GetString(first.Payload));
        return subscription;
    }

    /// <summary>The next message, or null when the response ended.</summary>
    public async Task<EventStreamMessage?> NextAsync(string awaiting, TimeSpan? wait = null)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_cancel.Token);
        timeout.CancelAfter(wait ?? DefaultWait);
        while (true)
        {
            var buffer = new ReadOnlySequence<byte>(_pending);
            if (EventStreamReader.TryRead(ref buffer, out var message))
            {
                _pending = buffer.ToArray();
                return message;
            }

            if (_ended)
            {
                Assert.True(_pending.Length == 0, $"the response ended inside a message ({_pending.Length} bytes) while awaiting {awaiting}");
                return null;
            }

            int read;
            try
            {
                read = await _body.ReadAsync(_chunk, timeout.Token);
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested && !_cancel.IsCancellationRequested)
            {
                Assert.Fail($"nothing arrived within {(wait ?? DefaultWait).TotalSeconds} s while awaiting {awaiting}");
                throw;
            }

            _ended = read == 0;
            _pending = [.. _pending, .. _chunk.AsSpan(0, read)];
        }
    }

    /// <summary>The next message, asserted to be a SubscribeToShardEvent; returns its JSON payload.</summary>
    public async Task<JsonNode> NextEventAsync(string awaiting, TimeSpan? wait = null)
    {
        var message = await NextAsync(awaiting, wait);
        Assert.True(message is not null, $"the response ended while awaiting {awaiting}");
        Assert.True(message.Header(":message-type") == "event", $"expected an event while awaiting {awaiting}, got {Describe(message)}");
        Assert.Equal("SubscribeToShardEvent", message.Header(":event-type"));
        Assert.Equal("application/json", message.Header(":content-type"));
        return JsonNode.Parse(message.Payload)!;
    }

    /// <summary>Reads events until <paramref name="count"/> records have arrived; returns them in arrival order.</summary>
    public async Task<(List<JsonNode> Records, JsonNode LastEvent)> ReadRecordsAsync(int count, string awaiting)
    {
        var records = new List<JsonNode>();
        JsonNode? last = null;
        while (records.Count < count)
        {
            last = await NextEventAsync($"{awaiting} ({records.Count} of {count} records so far)");
            records.AddRange(last["Records"]!.AsArray().Select(r => r!));
        }

        Assert.Equal(count, records.Count);
        return (records, last!);
    }

    public static string Describe(EventStreamMessage message)
        => $"{string.Join(", ", message.Headers.Select(h => $"{h.Key}={h.Value}"))}: {Encoding.UTF8.GetString(message.Payload)}";

    public async ValueTask DisposeAsync()
    {
        await _cancel.CancelAsync();
        await _body.DisposeAsync();
        _response.Dispose();
        _cancel.Dispose();
    }
}
