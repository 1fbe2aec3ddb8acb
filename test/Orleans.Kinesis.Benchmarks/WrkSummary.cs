namespace Orleans.Kinesis.Benchmarks;

/// <summary>wrk's figures for one replay: calls made and failed (HTTP errors, timeouts, socket errors), response bytes and latencies.</summary>
internal readonly record struct WrkSummary(long Requests, long Failed, double Seconds, double ResponseBytes, double P50Ms, double P90Ms, double P99Ms, double MaxMs)
{
    /// <summary>Calls answered without an error.</summary>
    public long Succeeded => Requests - Failed;

    /// <summary>A row with wrk's call rate, failed calls and latencies; the phase adds its records and note.</summary>
    public PhaseResult ToResult(string target, string phase) => new(target, phase)
    {
        OpsPerSecond = Requests / Seconds,
        FailedRequests = Failed,
        P50Ms = P50Ms,
        P90Ms = P90Ms,
        P99Ms = P99Ms,
        MaxMs = MaxMs,
    };
}
