namespace Orleans.Kinesis.Benchmarks;

/// <summary>
/// Phase (b'): PutRecord latency measured by wrk, a client that is not the bottleneck: 64 single-record bodies
/// (RecordSize bytes, random partition keys, so spread over the shards) are built and signed once, one is checked
/// with a call, and wrk takes them in turn on Connections connections for the duration (after a warm-up on a stream
/// of its own), giving the latency percentiles. wrk only sees HTTP statuses, so the records are counted back
/// afterwards from every shard: calls/s = records read back / seconds.
/// </summary>
internal static class PutRecordWrkPhase
{
    public const string Name = "putrecord-wrk";
    private const int Bodies = 64;

    public static async Task<PhaseResult> RunAsync(PhaseContext ctx, CancellationToken cancellationToken)
    {
        var o = ctx.Options;
        if (o.Duration + o.Warmup >= WrkReplay.SignatureLifetime - TimeSpan.FromSeconds(30))
        {
            throw new KinesisWireException($"{Name} reuses its signatures, valid for 5 minutes: use a shorter --duration");
        }

        var warmStream = PhaseContext.NewStreamName("putonewrk-warm");
        var stream = PhaseContext.NewStreamName("putonewrk");
        try
        {
            if (o.Warmup > TimeSpan.Zero)
            {
                await CreateCheckedAsync(ctx, warmStream, cancellationToken);
                PhaseContext.Progress($"{ctx.Target}: {Name} warm-up {o.Warmup.TotalSeconds:0.#} s");
                await WrkReplay.RunAsync(ctx, "PutRecord", BodiesFor(warmStream, o), 1, o.Warmup, cancellationToken);
            }

            await CreateCheckedAsync(ctx, stream, cancellationToken);
            PhaseContext.Progress($"{ctx.Target}: {Name} wrk for {o.Duration.TotalSeconds:0.#} s, {o.Connections} connections, {Bodies} bodies of {o.RecordSize} B taken in turn");
            var meter = await ServerMeter.StartAsync(ctx, cancellationToken);
            var wrk = await WrkReplay.RunAsync(ctx, "PutRecord", BodiesFor(stream, o), 1, o.Duration, cancellationToken);
            var cpuNote = await meter.NoteAsync(wrk.Succeeded, wrk.Succeeded, cancellationToken);

            var stored = await StoredRecords.CountAsync(ctx, Name, stream, wrk.Succeeded, cancellationToken) - 1; // less the checking call
            if (stored <= 0)
            {
                throw new KinesisWireException($"{Name}: wrk counted {wrk.Succeeded} answered calls but no record was stored");
            }

            var landed = Math.Min(stored, wrk.Succeeded); // calls still in flight when wrk stopped may land uncounted
            return new PhaseResult(ctx.Target, "(b') PutRecord via wrk")
            {
                RecordsPerSecond = landed / wrk.Seconds,
                MiBPerSecond = landed * (double)o.RecordSize / wrk.Seconds / (1024 * 1024),
                OpsPerSecond = wrk.Requests / wrk.Seconds,
                FailedEntries = wrk.Succeeded - landed,
                FailedRequests = wrk.Failed,
                P50Ms = wrk.P50Ms,
                P90Ms = wrk.P90Ms,
                P99Ms = wrk.P99Ms,
                MaxMs = wrk.MaxMs,
                Note = $"wrk {WrkReplay.Threads(o)} threads, {o.Shards} shards, concurrency {o.Connections}, {Bodies} bodies in turn; {stored} records read back; {cpuNote}",
            };
        }
        finally
        {
            await StoredRecords.DeleteQuietlyAsync(ctx, stream, cancellationToken);
            await StoredRecords.DeleteQuietlyAsync(ctx, warmStream, cancellationToken);
        }
    }

    private static byte[][] BodiesFor(string stream, BenchmarkOptions o)
    {
        var random = new Random(3000);
        var bodies = new byte[Bodies][];
        for (var i = 0; i < bodies.Length; i++)
        {
            bodies[i] = KinesisRequestBodies.PutRecord(stream, random, o.RecordSize);
        }

        return bodies;
    }

    /// <summary>Creates the stream and puts one of the bodies through the .NET client: it must get a sequence number.</summary>
    private static async Task CreateCheckedAsync(PhaseContext ctx, string stream, CancellationToken cancellationToken)
    {
        await ctx.Client.CreateActiveStreamAsync(stream, ctx.Options.Shards, ctx.Options.Encrypted, cancellationToken);
        var response = KinesisWireClient.Ensure("PutRecord", await ctx.Client.SendAsync("PutRecord", BodiesFor(stream, ctx.Options)[0], cancellationToken));
        if (WireJson.FindString(response.Body, "SequenceNumber") is null)
        {
            throw new KinesisWireException($"{Name}: the checking PutRecord got no sequence number: {System.Text.Encoding.UTF8.GetString(response.Body)}");
        }
    }
}
