using System.Globalization;
using System.Text;

namespace Orleans.Kinesis.Benchmarks;

/// <summary>
/// For repeated runs: each target and phase's mean throughput over the runs, its spread (standard deviation, minimum,
/// maximum), and for a "metrics off" target the cost of metrics: how much lower the mean with metrics on is.
/// </summary>
internal static class RepeatSummary
{
    private const string Off = ", metrics off";

    public static string Render(IReadOnlyList<PhaseResult> results)
    {
        var groups = results
            .Where(r => r.Error is null && Throughput(r) is not null)
            .GroupBy(r => (r.Target, r.Phase))
            .ToDictionary(g => g.Key, g => g.Select(r => Throughput(r)!.Value).ToList());
        var sb = new StringBuilder("repeated runs (records/s, or req/s where a phase has no records/s)\n");
        foreach (var ((target, phase), values) in groups)
        {
            var mean = values.Average();
            var deviation = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / Math.Max(1, values.Count - 1));
            sb.Append(CultureInfo.InvariantCulture, $"{target} | {phase} | n={values.Count} | mean {mean:0} | sd {deviation:0} ({100 * deviation / mean:0.0}%) | min {values.Min():0} | max {values.Max():0}");
            if (target.Contains(Off, StringComparison.Ordinal) && groups.TryGetValue((target.Replace(Off, "", StringComparison.Ordinal), phase), out var on))
            {
                var cost = 100 * (mean - on.Average()) / mean;
                sb.Append(CultureInfo.InvariantCulture, $" | metrics on: mean {on.Average():0}, cost {cost:0.0}%");
            }

            sb.AppendLine();
        }

        return sb.ToString();
    }

    private static double? Throughput(PhaseResult result) => result.RecordsPerSecond ?? result.OpsPerSecond;
}
