using Orleans.Kinesis.Benchmarks;

// Benchmark harness: starts each target server on loopback, runs the phases on fresh streams and
// prints one table. Progress goes to stderr, the table to stdout. No pass/fail thresholds.
BenchmarkOptions options;
try
{
    options = BenchmarkOptions.Parse(args);
}
catch (Exception ex) when (ex is ArgumentException or UriFormatException)
{
    Console.Error.WriteLine(ex.Message);
    Console.Error.WriteLine(BenchmarkOptions.Usage);
    return 2;
}

if (options.Help)
{
    Console.WriteLine(BenchmarkOptions.Usage);
    return 0;
}

if (!SigV4Signer.MatchesReferenceVector())
{
    Console.Error.WriteLine("SigV4 signer does not reproduce the reference vector of the wire specification");
    return 1;
}

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

var results = new List<PhaseResult>();
var time = TimeProvider.System;
var signer = new SigV4Signer("us-east-1", options.DummySignature);

if (options.Nodes.Count > 0)
{
    var paths = RepositoryPaths.Find(options.Repo);
    foreach (var nodes in options.Nodes)
    {
        var name = $"orleans (blob, {nodes} node{(nodes == 1 ? "" : "s")})";
        try
        {
            await using var cluster = await BenchmarkCluster.StartAsync(nodes, options, paths, cancel.Token);
            await BenchmarkRunner.RunTargetAsync(name, cluster.Endpoints[0], options, signer, time, results, cancel.Token, nodes: cluster.Endpoints);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            PhaseContext.Progress($"{name} could not be measured: {ex.Message}");
            results.Add(new PhaseResult(name, "start") { Error = FirstLine(ex.Message) });
        }
    }
}
else if (options.Endpoint is not null)
{
    await BenchmarkRunner.RunTargetAsync("endpoint " + options.Endpoint.Authority, options.Endpoint, options, signer, time, results, cancel.Token);
}
else
{
    var paths = RepositoryPaths.Find(options.Repo);
    // With --repeat the orleans settings run in turn, round after round (off, on, off, on…), so that a slow spell of
    // the shared machine does not fall on one setting only.
    var runs = options.Targets.SelectMany(t => t == "orleans"
        ? Enumerable.Range(0, options.Repeat).SelectMany(_ => options.Storages.SelectMany(s => options.Metrics.Select(m => (t, s, Metrics: m != "off"))))
        : [(t, "memory", Metrics: true)]);
    foreach (var (target, storage, metrics) in runs)
    {
        var name = target == "orleans" ? $"orleans ({storage}" + (options.Encrypted ? ", encrypted" : "") + (metrics ? "" : ", metrics off") + ")" : target;
        ServerProcess? server = null;
        try
        {
            server = await ServerLauncher.StartAsync(target, storage, options, paths, cancel.Token, metrics);
            await BenchmarkRunner.RunTargetAsync(name, server.Endpoint, options, signer, time, results, cancel.Token, server.DataDirectory, serverCpu: server.CpuTime);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            PhaseContext.Progress($"{name} could not be measured: {ex.Message}");
            results.Add(new PhaseResult(name, "start") { Error = FirstLine(ex.Message) });
        }
        finally
        {
            if (server is not null)
            {
                await server.DisposeAsync();
            }
        }
    }
}

Console.WriteLine();
Console.Write(ResultTable.Render(results, options));
if (options.Repeat > 1)
{
    Console.WriteLine();
    Console.Write(RepeatSummary.Render(results));
}

return 0;

static string FirstLine(string text)
{
    var newline = text.IndexOf('\n', StringComparison.Ordinal);
    return newline < 0 ? text : text[..newline];
}
