namespace Orleans.Kinesis.Benchmarks;

/// <summary>
/// The flow of the wrk write phases (putrecords-wrk, putrecord-wrk): the bodies of a stream are built and signed once,
/// the first is sent through the .NET client and its answer checked, wrk replays them (untimed on a warm-up stream of
/// its own, then timed), and since wrk only sees HTTP statuses every shard is read back from TRIM_HORIZON afterwards:
/// records/s = records read back / seconds. A server that answers fast without storing cannot look fast.
/// </summary>
internal static class WrkWritePhase
{
    /// <summary>What differs between the write phases.</summary>
    /// <param name="Name">The phase's name on the command line.</param>
    /// <param name="Label">The phase's row label.</param>
    /// <param name="Operation">The replayed operation (PutRecords, PutRecord).</param>
    /// <param name="StreamPrefix">Prefix of the phase's stream names.</param>
    /// <param name="RecordsPerCall">Records one call carries.</param>
    /// <param name="Bodies">The bodies for a stream, in the order wrk takes them.</param>
    /// <param name="Refusal">The reason the checking call's answer is not a full success; null when it is.</param>
    /// <param name="Describe">The calls, for the progress line and the note.</param>
    internal sealed record Spec(
        string Name, string Label, string Operation, string StreamPrefix, int RecordsPerCall,
        Func<string, IReadOnlyList<byte[]>> Bodies, Func<byte[], string?> Refusal, string Describe);

    public static async Task<PhaseResult> RunAsync(PhaseContext ctx, Spec spec, CancellationToken cancellationToken)
    {
        var o = ctx.Options;
        WrkReplay.EnsureSignaturesLast(o, spec.Name);
        var warmStream = PhaseContext.NewStreamName(spec.StreamPrefix + "-warm");
        var stream = PhaseContext.NewStreamName(spec.StreamPrefix);
        try
        {
            if (o.Warmup > TimeSpan.Zero)
            {
                await CreateCheckedAsync(ctx, spec, warmStream, cancellationToken);
                PhaseContext.Progress($"{ctx.Target}: {spec.Name} warm-up {o.Warmup.TotalSeconds:0.#} s");
                await WrkReplay.RunAsync(ctx, spec.Operation, spec.Bodies(warmStream), spec.RecordsPerCall, o.Warmup, cancellationToken);
            }

            var bodies = spec.Bodies(stream);
            await CreateCheckedAsync(ctx, spec, stream, cancellationToken);
            PhaseContext.Progress($"{ctx.Target}: {spec.Name} wrk for {o.Duration.TotalSeconds:0.#} s, {o.Connections} connections, {spec.Describe}");
            var meter = await ServerMeter.StartAsync(ctx, cancellationToken);
            var wrk = await WrkReplay.RunAsync(ctx, spec.Operation, bodies, spec.RecordsPerCall, o.Duration, cancellationToken);
            var acknowledged = wrk.Succeeded * spec.RecordsPerCall;
            var cpuNote = await meter.NoteAsync(acknowledged, wrk.Succeeded, cancellationToken);

            var stored = await StoredRecords.CountAsync(ctx, spec.Name, stream, acknowledged, cancellationToken) - spec.RecordsPerCall; // less the checking call
            if (stored <= 0)
            {
                throw new KinesisWireException($"{spec.Name}: wrk counted {wrk.Succeeded} answered calls but no record was stored");
            }

            var landed = Math.Min(stored, acknowledged); // calls still in flight when wrk stopped may land uncounted
            return wrk.ToResult(ctx.Target, spec.Label) with
            {
                RecordsPerSecond = landed / wrk.Seconds,
                MiBPerSecond = landed * (double)o.RecordSize / wrk.Seconds / (1024 * 1024),
                FailedEntries = acknowledged - landed,
                Note = $"wrk {WrkReplay.Threads(o)} threads, {o.Shards} shards, {o.Connections} conns, {spec.Describe}; {stored} records read back; {cpuNote}",
            };
        }
        finally
        {
            await StoredRecords.DeleteQuietlyAsync(ctx, stream, cancellationToken);
            await StoredRecords.DeleteQuietlyAsync(ctx, warmStream, cancellationToken);
        }
    }

    /// <summary>Creates the stream and sends its first body through the .NET client: the answer must be a full success.</summary>
    private static async Task CreateCheckedAsync(PhaseContext ctx, Spec spec, string stream, CancellationToken cancellationToken)
    {
        await ctx.Client.CreateActiveStreamAsync(stream, ctx.Options.Shards, ctx.Options.Encrypted, cancellationToken);
        var response = KinesisWireClient.Ensure(spec.Operation, await ctx.Client.SendAsync(spec.Operation, spec.Bodies(stream)[0], cancellationToken));
        if (spec.Refusal(response.Body) is { } refusal)
        {
            throw new KinesisWireException($"{spec.Name}: the checking {spec.Operation} {refusal}: {System.Text.Encoding.UTF8.GetString(response.Body)}");
        }
    }
}
