namespace Orleans.Kinesis.Benchmarks;

/// <summary>Runs the selected phases against one endpoint; a failing phase is reported, not fatal.</summary>
internal static class BenchmarkRunner
{
    public static async Task RunTargetAsync(string target, Uri endpoint, BenchmarkOptions options, SigV4Signer signer, TimeProvider time, List<PhaseResult> results, CancellationToken cancellationToken, string? dataDirectory = null, IReadOnlyList<Uri>? nodes = null, Func<TimeSpan?>? serverCpu = null)
    {
        using var client = new KinesisWireClient(endpoint, options.Connections, signer, time);
        var nodeClients = (nodes ?? []).Select(node => new KinesisWireClient(node, options.Connections, signer, time)).ToList();
        try
        {
            var ctx = new PhaseContext(target, client, options, time) { DataDirectory = dataDirectory, NodeClients = nodeClients, ServerCpu = serverCpu ?? (() => null) };
            await RunPhasesAsync(ctx, results, cancellationToken);
        }
        finally
        {
            nodeClients.ForEach(nodeClient => nodeClient.Dispose());
        }
    }

    private static async Task RunPhasesAsync(PhaseContext ctx, List<PhaseResult> results, CancellationToken cancellationToken)
    {
        var (target, options) = (ctx.Target, ctx.Options);
        foreach (var phase in options.Phases)
        {
            if (phase == FanOutPhase.Name)
            {
                await RunFanOutAsync(ctx, results, cancellationToken);
                continue;
            }

            try
            {
                var result = phase switch
                {
                    PutRecordsThroughputPhase.Name => await PutRecordsThroughputPhase.RunAsync(ctx, cancellationToken),
                    PutRecordsWrkPhase.Name => await PutRecordsWrkPhase.RunAsync(ctx, cancellationToken),
                    PutRecordLatencyPhase.Name => await PutRecordLatencyPhase.RunAsync(ctx, cancellationToken),
                    PutRecordWrkPhase.Name => await PutRecordWrkPhase.RunAsync(ctx, cancellationToken),
                    GetRecordsThroughputPhase.Name => await GetRecordsThroughputPhase.RunAsync(ctx, cancellationToken),
                    GetRecordsWrkPhase.Name => await GetRecordsWrkPhase.RunAsync(ctx, cancellationToken),
                    FirehoseThroughputPhase.Name => await FirehoseThroughputPhase.RunAsync(ctx, cancellationToken),
                    _ => throw new ArgumentException($"unknown phase {phase}", nameof(ctx)),
                };
                PhaseContext.Progress($"{target}: {phase} done: {result.RecordsPerSecond:0} rec/s {result.Error}");
                results.Add(result);
            }
            catch (Exception ex) when (ex is KinesisWireException or HttpRequestException or TimeoutException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                PhaseContext.Progress($"{target}: {phase} failed: {ex.Message}");
                results.Add(new PhaseResult(target, phase) { Error = ex.Message });
            }
        }
    }

    private static async Task RunFanOutAsync(PhaseContext ctx, List<PhaseResult> results, CancellationToken cancellationToken)
    {
        foreach (var subscribers in ctx.Options.Subscribers)
        {
            try
            {
                results.AddRange(await FanOutPhase.RunAsync(ctx, subscribers, cancellationToken));
            }
            catch (Exception ex) when (ex is KinesisWireException or HttpRequestException or TimeoutException or InvalidDataException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                PhaseContext.Progress($"{ctx.Target}: fanout with {subscribers} subscribers failed: {ex.Message}");
                results.Add(new PhaseResult(ctx.Target, $"fanout x{subscribers}") { Error = ex.Message });
            }
        }
    }
}
