using System.Diagnostics;

namespace Orleans.Kinesis.Benchmarks;

/// <summary>
/// Phase (a): N workers (one HTTP/1.1 connection each) loop PutRecords of Batch × RecordSize random
/// records with random partition keys into a fresh multi-shard stream for the duration; the request latencies
/// (p50 … max) show the tail.
/// </summary>
internal static class PutRecordsThroughputPhase
{
    public const string Name = "putrecords";
    private const int BodiesPerWorker = 4;

    public static async Task<PhaseResult> RunAsync(PhaseContext ctx, CancellationToken cancellationToken)
    {
        var o = ctx.Options;
        var stream = PhaseContext.NewStreamName(Name);
        await ctx.Client.CreateActiveStreamAsync(stream, o.Shards, ctx.Options.Encrypted, cancellationToken);

        // Pre-built bodies (random data and keys) so the client spends its CPU on sending, not on Random.
        var bodies = new byte[o.Connections][][];
        for (var w = 0; w < o.Connections; w++)
        {
            var random = new Random(1000 + w);
            bodies[w] = new byte[BodiesPerWorker][];
            for (var b = 0; b < BodiesPerWorker; b++)
            {
                bodies[w][b] = KinesisRequestBodies.PutRecords(stream, random, o.Batch, o.RecordSize);
            }
        }

        if (o.Warmup > TimeSpan.Zero)
        {
            PhaseContext.Progress($"{ctx.Target}: {Name} warm-up {o.Warmup.TotalSeconds:0.#} s");
            await RunWorkersAsync(ctx, bodies, o.Warmup, new Counters(), new FailureTally(), cancellationToken);
        }

        PhaseContext.Progress($"{ctx.Target}: {Name} for {o.Duration.TotalSeconds:0.#} s, {o.Connections} connections, {o.Batch} x {o.RecordSize} B per request");
        var counters = new Counters();
        var failures = new FailureTally();
        var meter = await ServerMeter.StartAsync(ctx, cancellationToken);
        var (latencies, elapsed) = await RunWorkersAsync(ctx, bodies, o.Duration, counters, failures, cancellationToken);
        var cpuNote = await meter.NoteAsync(counters.Accepted, counters.Requests, cancellationToken);
        await ctx.Client.DeleteStreamAsync(stream, cancellationToken);

        var seconds = elapsed.TotalSeconds;
        return Percentiles.With(new PhaseResult(ctx.Target, "(a) PutRecords throughput")
        {
            RecordsPerSecond = counters.Accepted / seconds,
            MiBPerSecond = counters.Accepted * (double)o.RecordSize / seconds / (1024 * 1024),
            OpsPerSecond = counters.Requests / seconds,
            FailedEntries = counters.FailedEntries,
            FailedRequests = failures.Requests,
            Note = string.Join("; ", new[] { $"{o.Shards} shards, {o.Connections} conns, {o.Batch}x{o.RecordSize} B", cpuNote, failures.Describe() }.Where(s => s.Length > 0)),
        }, latencies);
    }

    private static async Task<(List<double> Latencies, TimeSpan Elapsed)> RunWorkersAsync(PhaseContext ctx, byte[][][] bodies, TimeSpan duration, Counters counters, FailureTally failures, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var workers = new Task<List<double>>[bodies.Length];
        for (var w = 0; w < bodies.Length; w++)
        {
            workers[w] = WorkerAsync(ctx.ClientFor(w), ctx.Options.Batch, bodies[w], started, duration, counters, failures, cancellationToken);
        }

        var perWorker = await Task.WhenAll(workers);
        return (Percentiles.Merge(perWorker), Stopwatch.GetElapsedTime(started));
    }

    private static async Task<List<double>> WorkerAsync(KinesisWireClient client, int batch, byte[][] bodies, long started, TimeSpan duration, Counters counters, FailureTally failures, CancellationToken cancellationToken)
    {
        await Task.Yield();
        var latencies = new List<double>(4096);
        for (var i = 0; Stopwatch.GetElapsedTime(started) < duration; i++)
        {
            var t0 = Stopwatch.GetTimestamp();
            WireResponse response;
            try
            {
                response = await client.SendAsync("PutRecords", bodies[i % bodies.Length], cancellationToken);
            }
            catch (HttpRequestException ex)
            {
                failures.Add(ex.Message);
                continue;
            }

            Interlocked.Increment(ref counters.Requests);
            if (!response.IsSuccess)
            {
                failures.Add(response);
                continue;
            }

            latencies.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
            var failed = (int)(WireJson.FindInt64(response.Body, "FailedRecordCount") ?? 0);
            Interlocked.Add(ref counters.Accepted, batch - failed);
            Interlocked.Add(ref counters.FailedEntries, failed);
        }

        return latencies;
    }

    private sealed class Counters
    {
        public long Requests;
        public long Accepted;
        public long FailedEntries;
    }
}
