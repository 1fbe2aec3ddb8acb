namespace Orleans.Kinesis.Benchmarks;

/// <summary>wrk's figures for one replay: calls made and failed (HTTP errors, timeouts, socket errors), response bytes and latencies.</summary>
internal readonly record struct WrkSummary(long Requests, long Failed, double Seconds, double ResponseBytes, double P50Ms, double P90Ms, double P99Ms, double MaxMs)
{
    /// <summary>Calls answered without an error.</summary>
    public long Succeeded => Requests - Failed;
}
