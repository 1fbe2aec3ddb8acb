namespace Orleans.Kinesis.Benchmarks;

/// <summary>What every phase gets: the target's name, a client on its endpoint, the options and the clock.</summary>
internal sealed record PhaseContext(string Target, KinesisWireClient Client, BenchmarkOptions Options, TimeProvider Time)
{
    /// <summary>The files-mode data directory of a server the harness started, or null.</summary>
    public string? DataDirectory { get; init; }

    /// <summary>The CPU time of the server the harness started (null for an endpoint it did not start).</summary>
    public Func<TimeSpan?> ServerCpu { get; init; } = () => null;

    /// <summary>One client per node of a cluster (<c>--nodes</c>), else empty.</summary>
    public IReadOnlyList<KinesisWireClient> NodeClients { get; init; } = [];

    /// <summary>The client worker <paramref name="worker"/> uses: the nodes of a cluster in turn, else <see cref="Client"/>.</summary>
    public KinesisWireClient ClientFor(int worker) => NodeClients.Count == 0 ? Client : NodeClients[worker % NodeClients.Count];

    public static string NewStreamName(string phase)
        => string.Concat("bench-", phase, "-", Guid.NewGuid().ToString("N").AsSpan(0, 8));

    public static void Progress(string message) => Console.Error.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] {message}");
}
