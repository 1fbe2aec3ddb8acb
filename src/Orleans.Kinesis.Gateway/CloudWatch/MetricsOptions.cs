namespace Orleans.Kinesis.Gateway.CloudWatch;

/// <summary>Settings of the per-node CloudWatch-compatible metric store.</summary>
public sealed class MetricsOptions
{
    /// <summary>Whether the product metrics are collected at all (off: the instruments stay disabled and cost nothing).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How long 1-minute datapoints are kept (3 hours by default).</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromHours(3);

    /// <summary>How often the datapoints are written to the store, so that a restart keeps them.</summary>
    public TimeSpan ArchiveInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How much of the archive a restarted node loads back (the last hour by default).</summary>
    public TimeSpan RestoreWindow { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// This node's name in the shared metric archive: unique among the processes that share the store, and the same
    /// after a restart so that the node reads its own datapoints back (the host uses the machine name and the port).
    /// </summary>
    public string NodeName { get; set; } = Environment.MachineName.ToLowerInvariant();
}
