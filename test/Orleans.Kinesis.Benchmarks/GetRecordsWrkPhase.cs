namespace Orleans.Kinesis.Benchmarks;

/// <summary>
/// Phase (c'): GetRecords throughput measured by wrk, a client that is not the bottleneck: the shard is pre-filled as
/// in phase (c), then wrk repeats one GetRecords call with a fixed TRIM_HORIZON iterator (Limit records per response,
/// checked with one call first) on Connections connections, untimed for the warm-up, then for the duration.
/// Records/s = successful responses × records per response / seconds.
/// </summary>
internal static class GetRecordsWrkPhase
{
    public const string Name = "getrecords-wrk";

    public static async Task<PhaseResult> RunAsync(PhaseContext ctx, CancellationToken cancellationToken)
    {
        var o = ctx.Options;
        WrkReplay.EnsureSignaturesLast(o, Name);
        var stream = PhaseContext.NewStreamName("getwrk");
        await ctx.Client.CreateActiveStreamAsync(stream, 1, o.Encrypted, cancellationToken);
        var shardId = await ctx.Client.GetFirstShardIdAsync(stream, cancellationToken);
        PhaseContext.Progress($"{ctx.Target}: {Name} pre-filling {o.Prefill} x {o.RecordSize} B into {stream}/{shardId}");
        var written = await GetRecordsThroughputPhase.PrefillAsync(ctx, stream, cancellationToken);

        var iterator = await ctx.Client.GetShardIteratorAsync(stream, shardId, "TRIM_HORIZON", cancellationToken);
        var body = KinesisRequestBodies.GetRecords(iterator, o.GetLimit);
        var first = WireJson.ReadGetRecords(KinesisWireClient.Ensure("GetRecords", await ctx.Client.SendAsync("GetRecords", body, cancellationToken)).Body);
        if (first.Records == 0)
        {
            throw new KinesisWireException($"{Name}: the first GetRecords returned no records of {written}");
        }

        WrkSummary wrk;
        string cpuNote;
        try
        {
            if (o.Warmup > TimeSpan.Zero)
            {
                // Reads change nothing: the warm-up replays the same call, so the timed run sees a warmed read path.
                PhaseContext.Progress($"{ctx.Target}: {Name} warm-up {o.Warmup.TotalSeconds:0.#} s");
                await WrkReplay.RunAsync(ctx, "GetRecords", body, first.Records, o.Warmup, cancellationToken);
            }

            PhaseContext.Progress($"{ctx.Target}: {Name} wrk for {o.Duration.TotalSeconds:0.#} s, {o.Connections} connections, {first.Records} records ({first.DataBytes} B) per response");
            var meter = await ServerMeter.StartAsync(ctx, cancellationToken);
            wrk = await WrkReplay.RunAsync(ctx, "GetRecords", body, first.Records, o.Duration, cancellationToken);
            cpuNote = await meter.NoteAsync(wrk.Succeeded * first.Records, wrk.Succeeded, cancellationToken);
        }
        finally
        {
            await ctx.Client.DeleteStreamAsync(stream, cancellationToken);
        }

        return wrk.ToResult(ctx.Target, "(c') GetRecords via wrk") with
        {
            RecordsPerSecond = wrk.Succeeded * first.Records / wrk.Seconds,
            MiBPerSecond = wrk.ResponseBytes / wrk.Seconds / (1024 * 1024),
            Note = $"wrk {WrkReplay.Threads(o)} threads, {o.Connections} conns, one iterator, {first.Records} rec/response of {written} pre-filled; {cpuNote}",
        };
    }
}
