using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace Orleans.Kinesis.Benchmarks;

/// <summary>Prints the results as a fixed-width table with a machine header.</summary>
internal static class ResultTable
{
    private static readonly string[] Headers = ["target", "phase", "records/s", "MiB/s", "req/s", "failed", "p50 ms", "p90 ms", "p99 ms", "max ms", "notes"];

    public static string Render(IReadOnlyList<PhaseResult> results, BenchmarkOptions options)
    {
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"Orleans.Kinesis benchmark  {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        sb.AppendLine(CultureInfo.InvariantCulture, $"machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.ProcessArchitecture}, .NET {Environment.Version}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"client: HTTP/1.1, {options.Connections} connections, duration {options.Duration.TotalSeconds:0.#} s/phase, warm-up {options.Warmup.TotalSeconds:0.#} s, {(options.DummySignature ? "dummy" : "real")} SigV4 signatures; client and servers share the machine");
        sb.AppendLine();

        var rows = new List<string[]> { Headers };
        foreach (var r in results)
        {
            rows.Add(
            [
                r.Target,
                r.Phase,
                Format(r.RecordsPerSecond, "0"),
                Format(r.MiBPerSecond, "0.0"),
                Format(r.OpsPerSecond, "0"),
                Failed(r),
                Format(r.P50Ms, "0.00"),
                Format(r.P90Ms, "0.00"),
                Format(r.P99Ms, "0.00"),
                Format(r.MaxMs, "0.00"),
                r.Error is null ? r.Note : string.Concat("ERROR: ", r.Error, r.Note.Length > 0 ? " | " + r.Note : ""),
            ]);
        }

        var widths = new int[Headers.Length];
        foreach (var row in rows)
        {
            for (var c = 0; c < row.Length - 1; c++)
            {
                widths[c] = Math.Max(widths[c], row[c].Length);
            }
        }

        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            for (var c = 0; c < row.Length; c++)
            {
                var numeric = c >= 2 && c < row.Length - 1;
                var cell = c == row.Length - 1 ? row[c] : numeric ? row[c].PadLeft(widths[c]) : row[c].PadRight(widths[c]);
                sb.Append(cell);
                sb.Append(c == row.Length - 1 ? "" : " | ");
            }

            sb.AppendLine();
            if (i == 0)
            {
                sb.AppendLine(new string('-', widths.Sum() + (3 * (widths.Length - 1)) + 5));
            }
        }

        sb.AppendLine();
        sb.AppendLine("failed: Ne/Mr = N failed PutRecords entries / M failed requests; latency figures are per successful call (nearest rank).");
        return sb.ToString();
    }

    private static string Failed(PhaseResult r)
    {
        if (r.FailedEntries is null && r.FailedRequests is null)
        {
            return "";
        }

        return r.FailedEntries is null
            ? (r.FailedRequests ?? 0).ToString(CultureInfo.InvariantCulture)
            : string.Create(CultureInfo.InvariantCulture, $"{r.FailedEntries}e/{r.FailedRequests ?? 0}r");
    }

    private static string Format(double? value, string format)
        => value is null ? "" : value.Value.ToString(format, CultureInfo.InvariantCulture);
}
