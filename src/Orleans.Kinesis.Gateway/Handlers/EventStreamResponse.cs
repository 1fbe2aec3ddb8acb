using System.Buffers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Orleans.Kinesis.Abstractions.Encryption;
using Orleans.Kinesis.Abstractions.Errors;
using Orleans.Kinesis.Abstractions.Grains;
using Orleans.Kinesis.Abstractions.Ids;
using Orleans.Kinesis.Gateway.Json;
using Orleans.Kinesis.Gateway.Records;
using Orleans.Kinesis.Gateway.Routing;
using Orleans.Kinesis.Protocol.EventStream;
using Orleans.Kinesis.Protocol.Json;

namespace Orleans.Kinesis.Gateway.Handlers;

/// <summary>
/// Writes one subscription as an event stream: <c>initial-response</c>, then a SubscribeToShardEvent per delivery
/// event (flushed at once: HTTP/2 DATA frames or HTTP/1.1 chunks), and an exception message for an error, after which
/// the response ends. The delivery state (a <see cref="SubscriptionCursor"/>) stays here; fan-out workers turn it into
/// the next event.
/// </summary>
internal sealed class EventStreamResponse : IDisposable
{
    private readonly HttpContext _http;
    private readonly StreamResolver _streams;
    private readonly RecordCipher _cipher;
    private readonly int _shardIndex;
    private readonly ArrayBufferWriter<byte> _payload = new(4096);
    private readonly Utf8JsonWriter _json;
    private StreamSnapshot _snapshot;

    public EventStreamResponse(HttpContext http, StreamResolver streams, RecordCipher cipher, StreamSnapshot snapshot, int shardIndex)
    {
        _http = http;
        _streams = streams;
        _cipher = cipher;
        _snapshot = snapshot;
        _shardIndex = shardIndex;
        _json = new Utf8JsonWriter(_payload, ResponseWriting.WriterOptions);
    }

    /// <summary>Called after each data event is written (for the SubscribeToShardEvent metrics).</summary>
    public Action<StreamSnapshot, SubscriptionEvent>? Published { get; init; }

    /// <summary>
    /// Streams the subscription's events, one fan-out worker call per event, until the subscription ends or
    /// <paramref name="ended"/> (the client went away or the server is stopping) is cancelled.
    /// </summary>
    public async Task RunAsync(IFanOutWorkerGrain worker, SubscriptionCursor cursor, CancellationToken ended)
    {
        var response = _http.Response;
        var aborted = _http.RequestAborted;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = EventStreamTokens.ContentType;
        EventStreamWriter.WriteEvent(response.BodyWriter, EventStreamTokens.InitialResponse, "{}"u8);
        await response.BodyWriter.FlushAsync(aborted);
        SubscriptionCursor? next = cursor;
        while (next is { } current)
        {
            SubscriptionStep step;
            try
            {
                step = await worker.NextAsync(current).WaitAsync(ended);
            }
            catch (OperationCanceledException) when (ended.IsCancellationRequested)
            {
                return;
            }
            catch (KinesisException error)
            {
                step = new SubscriptionStep(SubscriptionEvent.Failed(error, current.Position), null);
            }
            catch (Exception) when (!ended.IsCancellationRequested)
            {
                var failure = new KinesisException(KinesisErrors.InternalFailure, "Internal service failure.", 500);
                step = new SubscriptionStep(SubscriptionEvent.Failed(failure, current.Position), null);
            }

            if (step.Event is { } item)
            {
                await WriteAsync(item);
                await response.BodyWriter.FlushAsync(aborted);
            }

            next = step.Next;
        }
    }

    public void Dispose() => _json.Dispose();

    private async ValueTask WriteAsync(SubscriptionEvent item)
    {
        _payload.ResetWrittenCount();
        _json.Reset();
        if (item.Error is { } error)
        {
            _json.WriteStartObject();
            _json.WriteString("message"u8, error.ErrorMessage ?? error.ErrorType);
            _json.WriteEndObject();
            await _json.FlushAsync();
            var type = error.ErrorType == "InternalFailure" ? "InternalFailureException" : error.ErrorType;
            EventStreamWriter.WriteException(_http.Response.BodyWriter, Encoding.UTF8.GetBytes(type), _payload.WrittenSpan);
            return;
        }

        if (item.ShardEnded && !SnapshotJson.HasChildren(_snapshot, _shardIndex))
        {
            // The shard closed after the snapshot was taken: its children are in a newer one.
            _streams.Invalidate(_snapshot.StreamName);
            _snapshot = await _streams.GetAsync(_snapshot.StreamName);
        }

        if (RecordOpener.AnyEncrypted(item.Records.Records, out var highestSlot) && highestSlot >= _snapshot.EncryptionKeys.Count)
        {
            // Encrypted under a key the snapshot does not list yet (encryption was started after it was taken).
            _streams.Invalidate(_snapshot.StreamName);
            _snapshot = await _streams.GetAsync(_snapshot.StreamName);
        }

        using var opener = highestSlot >= 0 ? new RecordOpener(_cipher, _snapshot, _shardIndex) : null;
        _json.WriteStartObject();
        RecordsJson.WriteRecords(_json, item.Records.Records, _shardIndex, _snapshot.SequenceTag, opener);
        if (item.ShardEnded)
        {
            SnapshotJson.WriteChildShards(_json, _snapshot, _shardIndex);
        }
        else
        {
            Span<byte> sequence = stackalloc byte[SequenceNumber.MaxDigits + 1];
            SequenceNumber.Create(_shardIndex, (ulong)item.ContinuationOrdinal, _snapshot.SequenceTag).TryFormat(sequence, out var length);
            _json.WriteString("ContinuationSequenceNumber"u8, sequence[..length]);
        }

        _json.WriteNumber("MillisBehindLatest"u8, item.MillisBehindLatest);
        _json.WriteEndObject();
        await _json.FlushAsync();
        EventStreamWriter.WriteEvent(_http.Response.BodyWriter, EventStreamTokens.SubscribeToShardEvent, _payload.WrittenSpan);
        Published?.Invoke(_snapshot, item);
    }
}
