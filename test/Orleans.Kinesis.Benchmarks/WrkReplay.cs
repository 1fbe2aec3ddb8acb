using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Orleans.Kinesis.Benchmarks;

/// <summary>
/// Runs wrk with <c>wrk/replay.lua</c>: signed calls of one operation (one body, or several taken in turn) replayed on
/// Connections connections for a given time. The calls go through a temporary file; each is signed once, and a
/// signature stays valid 5 minutes.
/// </summary>
internal static partial class WrkReplay
{
    public static readonly TimeSpan SignatureLifetime = TimeSpan.FromMinutes(5);

    /// <summary>Refuses a warm-up and duration that would outlast the calls' signatures (and a shard iterator).</summary>
    public static void EnsureSignaturesLast(BenchmarkOptions o, string phase)
    {
        if (o.Duration + o.Warmup >= SignatureLifetime - TimeSpan.FromSeconds(30))
        {
            throw new KinesisWireException($"{phase} replays calls signed once, valid for 5 minutes: use a shorter --duration");
        }
    }

    /// <summary>The wrk threads for the options' connections (at most one per core).</summary>
    public static int Threads(BenchmarkOptions o) => Math.Min(Environment.ProcessorCount, o.Connections);

    /// <summary>Replays the call for <paramref name="duration"/> and returns wrk's figures (throws when wrk fails).</summary>
    public static Task<WrkSummary> RunAsync(PhaseContext ctx, string operation, byte[] body, int recordsPerCall, TimeSpan duration, CancellationToken cancellationToken)
        => RunAsync(ctx, operation, [body], recordsPerCall, duration, cancellationToken);

    /// <summary>Replays the calls of <paramref name="bodies"/> in turn for <paramref name="duration"/> (throws when wrk fails).</summary>
    public static async Task<WrkSummary> RunAsync(PhaseContext ctx, string operation, IReadOnlyList<byte[]> bodies, int recordsPerCall, TimeSpan duration, CancellationToken cancellationToken)
    {
        var o = ctx.Options;
        var callsFile = Path.GetTempFileName();
        try
        {
            await WriteCallsAsync(ctx, operation, bodies, callsFile, cancellationToken);
            var start = new ProcessStartInfo("wrk")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[]
                     {
                         "-t", Threads(o).ToString(CultureInfo.InvariantCulture), "-c", o.Connections.ToString(CultureInfo.InvariantCulture),
                         "-d", ((int)Math.Ceiling(duration.TotalSeconds)).ToString(CultureInfo.InvariantCulture) + "s", "--timeout", "30s",
                         "-s", Path.Combine(AppContext.BaseDirectory, "wrk", "replay.lua"), ctx.Client.Endpoint.ToString(),
                     })
            {
                start.ArgumentList.Add(argument);
            }

            start.Environment["WRK_TARGET"] = KinesisWireClient.TargetPrefix + operation;
            start.Environment["WRK_CALLS_FILE"] = callsFile;
            start.Environment["WRK_RECORDS"] = recordsPerCall.ToString(CultureInfo.InvariantCulture);
            return Parse(await RunWrkAsync(start, cancellationToken));
        }
        finally
        {
            File.Delete(callsFile);
        }
    }

    /// <summary>One line per call: X-Amz-Date, Authorization and the body (compact JSON: no tab or line break), tab-separated.</summary>
    private static async Task WriteCallsAsync(PhaseContext ctx, string operation, IReadOnlyList<byte[]> bodies, string path, CancellationToken cancellationToken)
    {
        await using var file = File.Create(path);
        foreach (var body in bodies)
        {
            if (body.AsSpan().IndexOfAny((byte)'\t', (byte)'\n', (byte)'\r') >= 0)
            {
                throw new ArgumentException("a replayed body must be compact JSON on one line", nameof(bodies));
            }

            var (amzDate, authorization) = ctx.Client.SignHeaders(operation, body);
            await file.WriteAsync(System.Text.Encoding.ASCII.GetBytes(amzDate + "\t" + authorization + "\t"), cancellationToken);
            await file.WriteAsync(body, cancellationToken);
            file.WriteByte((byte)'\n');
        }
    }

    private static async Task<string> RunWrkAsync(ProcessStartInfo start, CancellationToken cancellationToken)
    {
        try
        {
            using var wrk = Process.Start(start) ?? throw new KinesisWireException("wrk did not start");
            var stderr = wrk.StandardError.ReadToEndAsync(cancellationToken);
            var output = await wrk.StandardOutput.ReadToEndAsync(cancellationToken);
            await wrk.WaitForExitAsync(cancellationToken);
            return wrk.ExitCode == 0 ? output : throw new KinesisWireException($"wrk exited with {wrk.ExitCode}: {await stderr}");
        }
        catch (System.ComponentModel.Win32Exception missing)
        {
            throw new KinesisWireException($"the wrk phases need wrk on the PATH (apt-get install wrk): {missing.Message}");
        }
    }

    private static WrkSummary Parse(string output)
    {
        var summary = SummaryLine().Match(output);
        if (!summary.Success)
        {
            throw new KinesisWireException($"wrk printed no summary line: {output}");
        }

        double Figure(string name) => double.Parse(summary.Groups[name].Value, CultureInfo.InvariantCulture);
        return new WrkSummary(
            (long)Figure("requests"), (long)Figure("failed"), Figure("seconds"), Figure("bytes"),
            Figure("p50"), Figure("p90"), Figure("p99"), Figure("max"));
    }

    [GeneratedRegex(@"wrk-replay requests=(?<requests>\d+) failed=(?<failed>\d+) seconds=(?<seconds>[\d.]+) bytes=(?<bytes>\d+) p50_ms=(?<p50>[\d.]+) p90_ms=(?<p90>[\d.]+) p99_ms=(?<p99>[\d.]+) max_ms=(?<max>[\d.]+)")]
    private static partial Regex SummaryLine();
}
