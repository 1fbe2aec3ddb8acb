using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;

namespace Orleans.Kinesis.Benchmarks;

/// <summary>
/// Phase (d)/(e), SubscribeToShard: N consumers subscribe to one shard at LATEST. (d) one producer puts 100-byte
/// records one PutRecord at a time, each carrying its send time; every subscriber records put-to-receipt latency
/// (from just before the PutRecord is sent). (e) the usual PutRecords load (Connections workers, Batch × RecordSize)
/// and the records all subscribers together receive per second. Each half gets half of the duration.
/// </summary>
internal static class FanOutPhase
{
    public const string Name = "fanout";
    private const int LatencyRecordBytes = 100;

    public static async Task<PhaseResult[]> RunAsync(PhaseContext ctx, int subscriberCount, CancellationToken cancellationToken)
    {
        var o = ctx.Options;
        var client = ctx.Client;
        var stream = PhaseContext.NewStreamName(Name);
        await client.CreateStreamAsync(stream, 1, cancellationToken);
        await client.WaitForActiveAsync(stream, TimeSpan.FromSeconds(60), cancellationToken);
        var summary = KinesisWireClient.Ensure("DescribeStreamSummary", await client.SendAsync("DescribeStreamSummary", KinesisRequestBodies.StreamName(stream), cancellationToken));
        var streamArn = WireJson.FindString(summary.Body, "StreamARN") ?? throw new KinesisWireException("no StreamARN");
        var shardId = await client.GetFirstShardIdAsync(stream, cancellationToken);

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var subscribers = new Subscriber[subscriberCount];
        var readers = new Task[subscriberCount];
        for (var i = 0; i < subscriberCount; i++)
        {
            var consumerArn = await RegisterActiveConsumerAsync(client, streamArn, "bench-" + i, cancellationToken);
            subscribers[i] = new Subscriber();
            var body = Json(w =>
            {
                w.WriteString("ConsumerARN", consumerArn);
                w.WriteString("ShardId", shardId);
                w.WriteStartObject("StartingPosition");
                w.WriteString("Type", "LATEST");
                w.WriteEndObject();
            });
            var response = await client.OpenStreamAsync("SubscribeToShard", body, cancellationToken);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw new KinesisWireException($"SubscribeToShard failed: HTTP {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
            }

            readers[i] = subscribers[i].ReadAsync(response, stop.Token);
        }

        foreach (var subscriber in subscribers)
        {
            await subscriber.FirstEvent.Task.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
        }

        var half = TimeSpan.FromTicks(o.Duration.Ticks / 2);
        if (o.Warmup > TimeSpan.Zero)
        {
            PhaseContext.Progress($"{ctx.Target}: {Name} warm-up {o.Warmup.TotalSeconds:0.#} s");
            await PutOneByOneAsync(client, stream, o.Warmup, cancellationToken);
        }

        PhaseContext.Progress($"{ctx.Target}: {Name} latency with {subscriberCount} subscriber(s) for {half.TotalSeconds:0.#} s");
        Subscriber.MeasureLatency = true;
        var puts = await PutOneByOneAsync(client, stream, half, cancellationToken);
        await Task.WhenAll(subscribers.Select(s => s.WaitForAsync(puts, TimeSpan.FromSeconds(10))));
        Subscriber.MeasureLatency = false;

        PhaseContext.Progress($"{ctx.Target}: {Name} throughput with {subscriberCount} subscriber(s) for {half.TotalSeconds:0.#} s");
        var before = subscribers.Sum(s => Interlocked.Read(ref s.Records));
        var started = Stopwatch.GetTimestamp();
        await PutBatchesAsync(ctx, stream, half, cancellationToken);
        var elapsed = Stopwatch.GetElapsedTime(started);
        var delivered = subscribers.Sum(s => Interlocked.Read(ref s.Records)) - before;

        await stop.CancelAsync();
        await Task.WhenAll(readers);
        KinesisWireClient.Ensure("DeleteStream", await client.SendAsync("DeleteStream", Json(w =>
        {
            w.WriteString("StreamName", stream);
            w.WriteBoolean("EnforceConsumerDeletion", true);
        }), cancellationToken));

        var latencies = subscribers.SelectMany(s => s.Latencies).Order().ToList();
        var errors = subscribers.Select(s => s.Error).Where(e => e is not null).Distinct().ToList();
        return
        [
            new PhaseResult(ctx.Target, $"(d) put->subscriber latency x{subscriberCount}")
            {
                RecordsPerSecond = latencies.Count / half.TotalSeconds,
                P50Ms = Percentile(latencies, 0.50),
                P90Ms = Percentile(latencies, 0.90),
                P99Ms = Percentile(latencies, 0.99),
                MaxMs = latencies.Count == 0 ? null : latencies[^1],
                Note = $"1 shard, {puts} sequential PutRecord of {LatencyRecordBytes} B, {latencies.Count} deliveries" + (errors.Count > 0 ? "; " + string.Join("; ", errors) : ""),
            },
            new PhaseResult(ctx.Target, $"(e) fan-out throughput x{subscriberCount}")
            {
                RecordsPerSecond = delivered / elapsed.TotalSeconds,
                MiBPerSecond = delivered * (double)o.RecordSize / elapsed.TotalSeconds / (1024 * 1024),
                Note = $"records received by all subscribers together; {o.Connections} PutRecords workers x {o.Batch} x {o.RecordSize} B",
            },
        ];
    }

    private static async Task<string> RegisterActiveConsumerAsync(KinesisWireClient client, string streamArn, string name, CancellationToken cancellationToken)
    {
        var registered = KinesisWireClient.Ensure("RegisterStreamConsumer", await client.SendAsync("RegisterStreamConsumer", Json(w =>
        {
            w.WriteString("StreamARN", streamArn);
            w.WriteString("ConsumerName", name);
        }), cancellationToken));
        var arn = WireJson.FindString(registered.Body, "ConsumerARN") ?? throw new KinesisWireException("no ConsumerARN");
        var describe = Json(w => w.WriteString("ConsumerARN", arn));
        for (var poll = 0; poll < 600; poll++)
        {
            var response = KinesisWireClient.Ensure("DescribeStreamConsumer", await client.SendAsync("DescribeStreamConsumer", describe, cancellationToken));
            if (WireJson.FindString(response.Body, "ConsumerStatus") == "ACTIVE")
            {
                return arn;
            }

            // Polling a server's state machine from outside: a short pause between polls.
            await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken);
        }

        throw new KinesisWireException($"consumer {arn} did not become ACTIVE");
    }

    private static async Task<long> PutOneByOneAsync(KinesisWireClient client, string stream, TimeSpan duration, CancellationToken cancellationToken)
    {
        var data = new byte[LatencyRecordBytes];
        var started = Stopwatch.GetTimestamp();
        long puts = 0;
        while (Stopwatch.GetElapsedTime(started) < duration)
        {
            BinaryPrimitives.WriteInt64LittleEndian(data, Stopwatch.GetTimestamp());
            var body = Json(w =>
            {
                w.WriteString("StreamName", stream);
                w.WriteString("PartitionKey", "latency");
                w.WriteBase64String("Data", data);
            });
            KinesisWireClient.Ensure("PutRecord", await client.SendAsync("PutRecord", body, cancellationToken));
            puts++;
        }

        return puts;
    }

    private static async Task PutBatchesAsync(PhaseContext ctx, string stream, TimeSpan duration, CancellationToken cancellationToken)
    {
        var o = ctx.Options;
        var started = Stopwatch.GetTimestamp();
        var workers = Enumerable.Range(0, o.Connections).Select(async w =>
        {
            var body = KinesisRequestBodies.PutRecords(stream, new Random(3000 + w), o.Batch, o.RecordSize);
            while (Stopwatch.GetElapsedTime(started) < duration)
            {
                await ctx.Client.SendAsync("PutRecords", body, cancellationToken);
            }
        });
        await Task.WhenAll(workers);
    }

    private static double? Percentile(List<double> sorted, double p)
        => sorted.Count == 0 ? null : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

    private static byte[] Json(Action<Utf8JsonWriter> members)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            members(writer);
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>One subscription's reader: splits the body into event-stream messages and looks at each record's Data.</summary>
    private sealed class Subscriber
    {
        public static volatile bool MeasureLatency;

        public readonly List<double> Latencies = new(100_000);
        public readonly TaskCompletionSource FirstEvent = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public long Records;
        public long LatencyRecords;
        public string? Error;

        public async Task WaitForAsync(long latencyRecords, TimeSpan bound)
        {
            var watch = Stopwatch.StartNew();
            while (Interlocked.Read(ref LatencyRecords) < latencyRecords && watch.Elapsed < bound && Error is null)
            {
                // Waiting for the last deliveries to arrive over the network, bounded.
                await Task.Delay(TimeSpan.FromMilliseconds(10));
            }
        }

        public async Task ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
        {
            var buffer = new byte[1 << 20];
            var filled = 0;
            var decoded = new byte[16];
            try
            {
                await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
                while (true)
                {
                    if (filled == buffer.Length)
                    {
                        Array.Resize(ref buffer, buffer.Length * 2);
                    }

                    var read = await body.ReadAsync(buffer.AsMemory(filled), cancellationToken);
                    if (read == 0)
                    {
                        Error ??= "a subscription ended early";
                        return;
                    }

                    filled += read;
                    var at = 0;
                    while (filled - at >= 12)
                    {
                        var total = BinaryPrimitives.ReadInt32BigEndian(buffer.AsSpan(at));
                        if (filled - at < total)
                        {
                            break;
                        }

                        var headers = BinaryPrimitives.ReadInt32BigEndian(buffer.AsSpan(at + 4));
                        var payload = buffer.AsSpan(at + 12 + headers, total - headers - 16);
                        if (!OnPayload(payload, decoded))
                        {
                            Error ??= "exception event: " + Encoding.UTF8.GetString(payload);
                            return;
                        }

                        at += total;
                    }

                    buffer.AsSpan(at, filled - at).CopyTo(buffer);
                    filled -= at;
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // The phase is over.
            }
            finally
            {
                response.Dispose();
            }
        }

        /// <summary>False for an exception message (its payload has no Records).</summary>
        private bool OnPayload(ReadOnlySpan<byte> payload, byte[] decoded)
        {
            var now = Stopwatch.GetTimestamp();
            var reader = new Utf8JsonReader(payload);
            var sawRecords = payload.Length == 2; // the initial-response payload is {}
            while (reader.Read())
            {
                if (reader.TokenType != JsonTokenType.PropertyName)
                {
                    continue;
                }

                if (reader.ValueTextEquals("Records"u8))
                {
                    sawRecords = true;
                }
                else if (reader.ValueTextEquals("Data"u8) && reader.Read())
                {
                    Interlocked.Increment(ref Records);
                    if (MeasureLatency && reader.ValueSpan.Length >= 12 && Convert.TryFromBase64Chars(Encoding.ASCII.GetString(reader.ValueSpan[..12]), decoded, out _))
                    {
                        var sent = BinaryPrimitives.ReadInt64LittleEndian(decoded);
                        Latencies.Add(Stopwatch.GetElapsedTime(sent, now).TotalMilliseconds);
                        Interlocked.Increment(ref LatencyRecords);
                    }
                }
            }

            FirstEvent.TrySetResult();
            return sawRecords;
        }
    }
}
