using System.Diagnostics;

namespace Orleans.Kinesis.Benchmarks;

/// <summary>
/// Phase (c): pre-fill a fresh one-shard stream with Prefill records (PutRecords, N workers), then
/// read the shard from TRIM_HORIZON with GetRecords(Limit) until every record was read; only the
/// reading is timed.
/// </summary>
internal static class GetRecordsThroughputPhase
{
    public const string Name = "getrecords";

    public static async Task<PhaseResult> RunAsync(PhaseContext ctx, CancellationToken cancellationToken)
    {
        var o = ctx.Options;
        var stream = PhaseContext.NewStreamName(Name);
        await ctx.Client.CreateActiveStreamAsync(stream, 1, ctx.Options.Encrypted, cancellationToken);
        var shardId = await ctx.Client.GetFirstShardIdAsync(stream, cancellationToken);

        PhaseContext.Progress($"{ctx.Target}: {Name} pre-filling {o.Prefill} x {o.RecordSize} B into {stream}/{shardId}");
        var prefillStarted = Stopwatch.GetTimestamp();
        var written = await PrefillAsync(ctx, stream, cancellationToken);
        var prefillSeconds = Stopwatch.GetElapsedTime(prefillStarted).TotalSeconds;

        PhaseContext.Progress($"{ctx.Target}: {Name} reading {written} records with Limit {o.GetLimit}");
        var iterator = await ctx.Client.GetShardIteratorAsync(stream, shardId, "TRIM_HORIZON", cancellationToken);
        var meter = await ServerMeter.StartAsync(ctx, cancellationToken);
        var started = Stopwatch.GetTimestamp();
        long read = 0;
        long bytes = 0;
        var calls = 0;
        var emptyAtTip = 0;
        var maxCalls = (written / Math.Max(1, Math.Min(o.GetLimit, 100))) + 1000;
        while (iterator is not null && read < written && calls < maxCalls)
        {
            calls++;
            var response = KinesisWireClient.Ensure("GetRecords", await ctx.Client.SendAsync("GetRecords", KinesisRequestBodies.GetRecords(iterator, o.GetLimit), cancellationToken));
            var page = WireJson.ReadGetRecords(response.Body);
            read += page.Records;
            bytes += page.DataBytes;
            iterator = page.NextShardIterator;
            if (page.Records == 0 && page.MillisBehindLatest == 0 && ++emptyAtTip >= 3)
            {
                break;
            }
        }

        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var cpuNote = await meter.NoteAsync(read, calls, cancellationToken);
        await ctx.Client.DeleteStreamAsync(stream, cancellationToken);

        var complete = read >= written;
        return new PhaseResult(ctx.Target, "(c) GetRecords throughput")
        {
            RecordsPerSecond = read / seconds,
            MiBPerSecond = bytes / seconds / (1024 * 1024),
            OpsPerSecond = calls / seconds,
            Note = $"read {read}/{written} in {calls} calls ({(double)read / Math.Max(1, calls):0} rec/call), prefill {written / prefillSeconds:0} rec/s; {cpuNote}",
            Error = complete ? null : $"stopped after {calls} calls with {read} of {written} records read",
        };
    }

    /// <summary>Writes Prefill records (rounded up to a batch) into the stream with Connections workers; returns how many were accepted.</summary>
    public static async Task<long> PrefillAsync(PhaseContext ctx, string stream, CancellationToken cancellationToken)
    {
        var o = ctx.Options;
        long reserved = 0;
        long accepted = 0;
        var failures = new FailureTally();
        var workers = new Task[o.Connections];
        for (var w = 0; w < workers.Length; w++)
        {
            var random = new Random(3000 + w);
            var body = KinesisRequestBodies.PutRecords(stream, random, o.Batch, o.RecordSize);
            workers[w] = WorkerAsync(body);
        }

        await Task.WhenAll(workers);
        return Interlocked.Read(ref accepted);

        async Task WorkerAsync(byte[] body)
        {
            await Task.Yield();
            // Each request first reserves its records, so the total stops at Prefill (rounded up to a batch);
            // entries the server rejected are given back to the reservation and written again.
            while (Interlocked.Add(ref reserved, o.Batch) - o.Batch < o.Prefill)
            {
                var response = await ctx.Client.SendAsync("PutRecords", body, cancellationToken);
                if (!response.IsSuccess)
                {
                    Interlocked.Add(ref reserved, -o.Batch);
                    failures.Add(response);
                    if (failures.Requests > 100)
                    {
                        throw new KinesisWireException($"pre-fill gave up: {failures.Describe()}");
                    }

                    continue;
                }

                var failed = WireJson.FindInt64(response.Body, "FailedRecordCount") ?? 0;
                Interlocked.Add(ref accepted, o.Batch - failed);
                Interlocked.Add(ref reserved, -failed);
            }
        }
    }
}
