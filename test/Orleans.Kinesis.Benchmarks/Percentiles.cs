namespace Orleans.Kinesis.Benchmarks;

/// <summary>Latency percentiles of a phase (milliseconds, nearest rank).</summary>
internal static class Percentiles
{
    /// <summary>Nearest-rank percentile of sorted latencies.</summary>
    public static double? Of(List<double> sorted, double p)
        => sorted.Count == 0 ? null : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

    /// <summary>Sorts <paramref name="latencies"/> and puts p50, p90, p99 and the maximum into <paramref name="result"/>.</summary>
    public static PhaseResult With(PhaseResult result, List<double> latencies)
    {
        latencies.Sort();
        return result with
        {
            P50Ms = Of(latencies, 0.50),
            P90Ms = Of(latencies, 0.90),
            P99Ms = Of(latencies, 0.99),
            MaxMs = latencies.Count == 0 ? null : latencies[^1],
        };
    }

    /// <summary>The latencies of all workers in one list.</summary>
    public static List<double> Merge(IReadOnlyList<List<double>> perWorker)
    {
        var all = new List<double>(perWorker.Sum(l => l.Count));
        foreach (var list in perWorker)
        {
            all.AddRange(list);
        }

        return all;
    }
}
