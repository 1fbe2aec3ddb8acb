namespace Orleans.Kinesis.Benchmarks;

/// <summary>The figures of one phase on one target; null where a figure does not apply.</summary>
internal sealed record PhaseResult(string Target, string Phase)
{
    public double? RecordsPerSecond { get; init; }

    public double? MiBPerSecond { get; init; }

    public double? OpsPerSecond { get; init; }

    public long? FailedEntries { get; init; }

    public long? FailedRequests { get; init; }

    public double? P50Ms { get; init; }

    public double? P90Ms { get; init; }

    public double? P99Ms { get; init; }

    public double? MaxMs { get; init; }

    public string Note { get; init; } = "";

    public string? Error { get; init; }
}
