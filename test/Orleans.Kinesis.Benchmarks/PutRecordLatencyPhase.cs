using System.Diagnostics;

namespace Orleans.Kinesis.Benchmarks;

/// <summary>
/// Phase (b): N workers loop single-record PutRecord calls (RecordSize bytes, random keys) into a
/// fresh multi-shard stream for the duration; every call's latency is kept for percentiles.
/// </summary>
internal static class PutRecordLatencyPhase
{
    public const string Name = "putrecord";
    private const int BodiesPerWorker = 64;

    public static async Task<PhaseResult> RunAsync(PhaseContext ctx, CancellationToken cancellationToken)
    {
        var o = ctx.Options;
        var stream = PhaseContext.NewStreamName(Name);
        await ctx.Client.CreateActiveStreamAsync(stream, o.Shards, ctx.Options.Encrypted, cancellationToken);

        var bodies = new byte[o.Connections][][];
        for (var w = 0; w < o.Connections; w++)
        {
            var random = new Random(2000 + w);
            bodies[w] = new byte[BodiesPerWorker][];
            for (var b = 0; b < BodiesPerWorker; b++)
            {
                bodies[w][b] = KinesisRequestBodies.PutRecord(stream, random, o.RecordSize);
            }
        }

        if (o.Warmup > TimeSpan.Zero)
        {
            PhaseContext.Progress($"{ctx.Target}: {Name} warm-up {o.Warmup.TotalSeconds:0.#} s");
            await RunWorkersAsync(ctx, bodies, o.Warmup, new FailureTally(), cancellationToken);
        }

        PhaseContext.Progress($"{ctx.Target}: {Name} for {o.Duration.TotalSeconds:0.#} s, concurrency {o.Connections}, {o.RecordSize} B records");
        var failures = new FailureTally();
        var meter = await ServerMeter.StartAsync(ctx, cancellationToken);
        var (latencies, elapsed) = await RunWorkersAsync(ctx, bodies, o.Duration, failures, cancellationToken);
        var cpuNote = await meter.NoteAsync(latencies.Count, latencies.Count, cancellationToken);
        await ctx.Client.DeleteStreamAsync(stream, cancellationToken);

        return Percentiles.With(new PhaseResult(ctx.Target, "(b) PutRecord latency")
        {
            OpsPerSecond = latencies.Count / elapsed.TotalSeconds,
            RecordsPerSecond = latencies.Count / elapsed.TotalSeconds,
            MiBPerSecond = latencies.Count * (double)o.RecordSize / elapsed.TotalSeconds / (1024 * 1024),
            FailedRequests = failures.Requests,
            Note = string.Join("; ", new[] { $"{o.Shards} shards, concurrency {o.Connections}, {latencies.Count} calls", cpuNote, failures.Describe() }.Where(s => s.Length > 0)),
        }, latencies);
    }

    private static async Task<(List<double> Latencies, TimeSpan Elapsed)> RunWorkersAsync(PhaseContext ctx, byte[][][] bodies, TimeSpan duration, FailureTally failures, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var workers = new Task<List<double>>[bodies.Length];
        for (var w = 0; w < bodies.Length; w++)
        {
            workers[w] = WorkerAsync(ctx, bodies[w], started, duration, failures, cancellationToken);
        }

        var perWorker = await Task.WhenAll(workers);
        return (Percentiles.Merge(perWorker), Stopwatch.GetElapsedTime(started));
    }

    private static async Task<List<double>> WorkerAsync(PhaseContext ctx, byte[][] bodies, long started, TimeSpan duration, FailureTally failures, CancellationToken cancellationToken)
    {
        await Task.Yield();
        var latencies = new List<double>(16_384);
        for (var i = 0; Stopwatch.GetElapsedTime(started) < duration; i++)
        {
            var t0 = Stopwatch.GetTimestamp();
            WireResponse response;
            try
            {
                response = await ctx.Client.SendAsync("PutRecord", bodies[i % bodies.Length], cancellationToken);
            }
            catch (HttpRequestException ex)
            {
                failures.Add(ex.Message);
                continue;
            }

            var ms = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
            if (response.IsSuccess)
            {
                latencies.Add(ms);
            }
            else
            {
                failures.Add(response);
            }
        }

        return latencies;
    }
}
