using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Orleans.Kinesis.Benchmarks;

/// <summary>
/// Phase (c'): GetRecords throughput measured by wrk, a client that is not the bottleneck: the shard is pre-filled as
/// in phase (c), then wrk repeats one GetRecords call with a fixed TRIM_HORIZON iterator (Limit records per response,
/// checked with one call first) on Connections connections for the duration. Records/s = successful responses ×
/// records per response / seconds.
/// </summary>
internal static partial class GetRecordsWrkPhase
{
    public const string Name = "getrecords-wrk";
    private static readonly TimeSpan IteratorLifetime = TimeSpan.FromMinutes(5);

    public static async Task<PhaseResult> RunAsync(PhaseContext ctx, CancellationToken cancellationToken)
    {
        var o = ctx.Options;
        if (o.Duration + o.Warmup >= IteratorLifetime - TimeSpan.FromSeconds(30))
        {
            throw new KinesisWireException($"{Name} reuses one shard iterator, valid for 5 minutes: use a shorter --duration");
        }

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

        var (amzDate, authorization) = ctx.Client.SignHeaders("GetRecords", body);
        var threads = Math.Min(Environment.ProcessorCount, o.Connections);
        var start = new ProcessStartInfo("wrk")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
                 {
                     "-t", threads.ToString(CultureInfo.InvariantCulture), "-c", o.Connections.ToString(CultureInfo.InvariantCulture),
                     "-d", ((int)Math.Ceiling(o.Duration.TotalSeconds)).ToString(CultureInfo.InvariantCulture) + "s", "--timeout", "30s",
                     "-s", Path.Combine(AppContext.BaseDirectory, "wrk", "getrecords.lua"), ctx.Client.Endpoint.ToString(),
                 })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["GETRECORDS_BODY"] = System.Text.Encoding.UTF8.GetString(body);
        start.Environment["GETRECORDS_DATE"] = amzDate;
        start.Environment["GETRECORDS_AUTH"] = authorization;
        start.Environment["GETRECORDS_RECORDS"] = first.Records.ToString(CultureInfo.InvariantCulture);

        PhaseContext.Progress($"{ctx.Target}: {Name} wrk for {o.Duration.TotalSeconds:0.#} s, {o.Connections} connections, {first.Records} records ({first.DataBytes} B) per response");
        string output;
        var meter = await ServerMeter.StartAsync(ctx, cancellationToken);
        var cpuNote = "";
        try
        {
            using var wrk = Process.Start(start) ?? throw new KinesisWireException("wrk did not start");
            var stderr = wrk.StandardError.ReadToEndAsync(cancellationToken);
            output = await wrk.StandardOutput.ReadToEndAsync(cancellationToken);
            await wrk.WaitForExitAsync(cancellationToken);
            if (wrk.ExitCode != 0)
            {
                throw new KinesisWireException($"wrk exited with {wrk.ExitCode}: {await stderr}");
            }

            cpuNote = await meter.NoteAsync(SucceededRequests(output) * first.Records, SucceededRequests(output), cancellationToken);
        }
        catch (System.ComponentModel.Win32Exception missing)
        {
            throw new KinesisWireException($"{Name} needs wrk on the PATH (apt-get install wrk): {missing.Message}");
        }
        finally
        {
            await ctx.Client.DeleteStreamAsync(stream, cancellationToken);
        }

        var summary = SummaryLine().Match(output);
        if (!summary.Success)
        {
            throw new KinesisWireException($"wrk printed no summary line: {output}");
        }

        double Figure(string name) => double.Parse(summary.Groups[name].Value, CultureInfo.InvariantCulture);
        var seconds = Figure("seconds");
        var succeeded = SucceededRequests(output);
        return new PhaseResult(ctx.Target, "(c') GetRecords via wrk")
        {
            RecordsPerSecond = succeeded * first.Records / seconds,
            MiBPerSecond = Figure("bytes") / seconds / (1024 * 1024),
            OpsPerSecond = Figure("requests") / seconds,
            FailedRequests = (long)Figure("failed"),
            P50Ms = Figure("p50"),
            P90Ms = Figure("p90"),
            P99Ms = Figure("p99"),
            MaxMs = Figure("max"),
            Note = $"wrk {threads} threads, {o.Connections} conns, one iterator, {first.Records} rec/response of {written} pre-filled; {cpuNote}",
        };
    }

    /// <summary>Responses wrk counted that were not HTTP errors (0 when it printed no summary).</summary>
    private static double SucceededRequests(string output)
    {
        var summary = SummaryLine().Match(output);
        return summary.Success
            ? double.Parse(summary.Groups["requests"].Value, CultureInfo.InvariantCulture) - double.Parse(summary.Groups["failed"].Value, CultureInfo.InvariantCulture)
            : 0;
    }

    [GeneratedRegex(@"getrecords-wrk requests=(?<requests>\d+) failed=(?<failed>\d+) seconds=(?<seconds>[\d.]+) bytes=(?<bytes>\d+) p50_ms=(?<p50>[\d.]+) p90_ms=(?<p90>[\d.]+) p99_ms=(?<p99>[\d.]+) max_ms=(?<max>[\d.]+)")]
    private static partial Regex SummaryLine();
}
