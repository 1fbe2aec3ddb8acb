namespace Orleans.Kinesis.Benchmarks;

/// <summary>
/// Phase (a'): PutRecords throughput measured by wrk, a client that is not the bottleneck: one body of Batch ×
/// RecordSize records (random partition keys, so spread over the shards) is built and signed once, checked with one
/// call, and wrk replays it on Connections connections for the duration (after a warm-up on a stream of its own).
/// wrk only sees HTTP statuses, so the records are counted back afterwards: every shard is read from TRIM_HORIZON,
/// and records/s = records read back / seconds. A server that answers fast without storing cannot look fast.
/// </summary>
internal static class PutRecordsWrkPhase
{
    public const string Name = "putrecords-wrk";

    public static async Task<PhaseResult> RunAsync(PhaseContext ctx, CancellationToken cancellationToken)
    {
        var o = ctx.Options;
        if (o.Duration + o.Warmup >= WrkReplay.SignatureLifetime - TimeSpan.FromSeconds(30))
        {
            throw new KinesisWireException($"{Name} reuses one signature, valid for 5 minutes: use a shorter --duration");
        }

        var warmStream = PhaseContext.NewStreamName("putwrk-warm");
        var stream = PhaseContext.NewStreamName("putwrk");
        try
        {
            if (o.Warmup > TimeSpan.Zero)
            {
                await CreateCheckedAsync(ctx, warmStream, cancellationToken);
                PhaseContext.Progress($"{ctx.Target}: {Name} warm-up {o.Warmup.TotalSeconds:0.#} s");
                await WrkReplay.RunAsync(ctx, "PutRecords", Body(warmStream, o), o.Batch, o.Warmup, cancellationToken);
            }

            var body = Body(stream, o);
            await CreateCheckedAsync(ctx, stream, cancellationToken);
            PhaseContext.Progress($"{ctx.Target}: {Name} wrk for {o.Duration.TotalSeconds:0.#} s, {o.Connections} connections, {o.Batch} x {o.RecordSize} B per request ({body.Length} B body)");
            var meter = await ServerMeter.StartAsync(ctx, cancellationToken);
            var wrk = await WrkReplay.RunAsync(ctx, "PutRecords", body, o.Batch, o.Duration, cancellationToken);
            var acknowledged = wrk.Succeeded * o.Batch;
            var cpuNote = await meter.NoteAsync(acknowledged, wrk.Succeeded, cancellationToken);

            var stored = await StoredRecords.CountAsync(ctx, Name, stream, acknowledged, cancellationToken) - o.Batch; // less the checking call
            if (stored <= 0)
            {
                throw new KinesisWireException($"{Name}: wrk counted {wrk.Succeeded} answered calls but no record was stored");
            }

            var landed = Math.Min(stored, acknowledged); // calls still in flight when wrk stopped may land uncounted
            return new PhaseResult(ctx.Target, "(a') PutRecords via wrk")
            {
                RecordsPerSecond = landed / wrk.Seconds,
                MiBPerSecond = landed * (double)o.RecordSize / wrk.Seconds / (1024 * 1024),
                OpsPerSecond = wrk.Requests / wrk.Seconds,
                FailedEntries = acknowledged - landed,
                FailedRequests = wrk.Failed,
                P50Ms = wrk.P50Ms,
                P90Ms = wrk.P90Ms,
                P99Ms = wrk.P99Ms,
                MaxMs = wrk.MaxMs,
                Note = $"wrk {WrkReplay.Threads(o)} threads, {o.Shards} shards, {o.Connections} conns, {o.Batch}x{o.RecordSize} B, one body; {stored} records read back; {cpuNote}",
            };
        }
        finally
        {
            await StoredRecords.DeleteQuietlyAsync(ctx, stream, cancellationToken);
            await StoredRecords.DeleteQuietlyAsync(ctx, warmStream, cancellationToken);
        }
    }

    private static byte[] Body(string stream, BenchmarkOptions o) => KinesisRequestBodies.PutRecords(stream, new Random(7), o.Batch, o.RecordSize);

    /// <summary>Creates the stream and sends the body once through the .NET client: every entry must be accepted.</summary>
    private static async Task CreateCheckedAsync(PhaseContext ctx, string stream, CancellationToken cancellationToken)
    {
        await ctx.Client.CreateActiveStreamAsync(stream, ctx.Options.Shards, ctx.Options.Encrypted, cancellationToken);
        var response = KinesisWireClient.Ensure("PutRecords", await ctx.Client.SendAsync("PutRecords", Body(stream, ctx.Options), cancellationToken));
        if (WireJson.FindInt64(response.Body, "FailedRecordCount") is not 0)
        {
            throw new KinesisWireException($"{Name}: the checking PutRecords had failed entries: {System.Text.Encoding.UTF8.GetString(response.Body)}");
        }
    }
}
