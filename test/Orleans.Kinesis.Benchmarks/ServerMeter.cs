using System.Globalization;
using System.Text.RegularExpressions;

namespace Orleans.Kinesis.Benchmarks;

/// <summary>
/// What the server spent over a timed phase: its CPU time per record (on a shared machine records/s follows the load,
/// CPU per record much less, so it is the figure to compare before/after), and from its Prometheus scrape
/// (<c>/metrics</c>, when metrics are on) the bytes it allocated per request, its garbage collections and the time they paused it.
/// </summary>
internal sealed partial class ServerMeter
{
    private readonly PhaseContext _ctx;
    private readonly TimeSpan? _cpu;
    private readonly RuntimeFigures? _runtime;

    private ServerMeter(PhaseContext ctx, TimeSpan? cpu, RuntimeFigures? runtime)
    {
        _ctx = ctx;
        _cpu = cpu;
        _runtime = runtime;
    }

    public static async Task<ServerMeter> StartAsync(PhaseContext ctx, CancellationToken cancellationToken)
        => new(ctx, ctx.ServerCpu(), await ScrapeAsync(ctx, cancellationToken));

    /// <summary>E.g. "server CPU 9.1 us/record, 812 KiB allocated/request, GC 12/3/0 (gen0/1/2) pausing 85 ms"; "" when nothing is known.</summary>
    public async Task<string> NoteAsync(double records, double requests, CancellationToken cancellationToken)
    {
        var parts = new List<string>(2);
        if (_cpu is { } started && _ctx.ServerCpu() is { } now && records > 0)
        {
            parts.Add($"server CPU {(now - started).TotalMicroseconds / records:0.0} us/record");
        }

        if (_runtime is { } before && await ScrapeAsync(_ctx, cancellationToken) is { } after && requests > 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture,
                $"{(after.AllocatedBytes - before.AllocatedBytes) / requests / 1024:0} KiB allocated/request, GC {after.Gen0 - before.Gen0}/{after.Gen1 - before.Gen1}/{after.Gen2 - before.Gen2} (gen0/1/2) pausing {(after.PauseSeconds - before.PauseSeconds) * 1000:0} ms"));
        }

        return string.Join(", ", parts);
    }

    private static async Task<RuntimeFigures?> ScrapeAsync(PhaseContext ctx, CancellationToken cancellationToken)
    {
        var text = await ctx.Client.GetTextAsync("/metrics", cancellationToken);
        if (text is null || Allocated().Match(text) is not { Success: true } allocated)
        {
            return null;
        }

        long Collections(string generation)
        {
            var match = Regex.Match(text, "^dotnet_gc_collections_total\\{[^}]*gc_heap_generation=\"" + generation + "\"[^}]*\\} (\\d+)", RegexOptions.Multiline);
            return match.Success ? long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        }

        var paused = Paused().Match(text) is { Success: true } pause ? double.Parse(pause.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        return new RuntimeFigures(double.Parse(allocated.Groups[1].Value, CultureInfo.InvariantCulture), Collections("gen0"), Collections("gen1"), Collections("gen2"), paused);
    }

    [GeneratedRegex(@"^dotnet_gc_heap_total_allocated_bytes_total(?:\{[^}]*\})? ([0-9.eE+]+)", RegexOptions.Multiline)]
    private static partial Regex Allocated();

    [GeneratedRegex(@"^dotnet_gc_pause_time_seconds(?:_total)?(?:\{[^}]*\})? ([0-9.eE+]+)", RegexOptions.Multiline)]
    private static partial Regex Paused();

    private sealed record RuntimeFigures(double AllocatedBytes, long Gen0, long Gen1, long Gen2, double PauseSeconds);
}
