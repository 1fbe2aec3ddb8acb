namespace Orleans.Kinesis.Client.Consumer;

/// <summary>The worker's settings, with KCL's defaults (spec b.4, b.11).</summary>
public sealed class StreamProcessorOptions
{
    public string StreamName { get; set; } = string.Empty;

    /// <summary>Names the application: the default enhanced fan-out consumer name.</summary>
    public string ApplicationName { get; set; } = "orleans-kinesis-app";

    /// <summary>Unique among live workers.</summary>
    public string WorkerId { get; set; } = Environment.MachineName + "-" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>Where a shard with no checkpoint starts (TRIM_HORIZON or LATEST).</summary>
    public ExtendedSequenceNumber InitialPosition { get; set; } = ExtendedSequenceNumber.TrimHorizon;

    /// <summary>failoverTimeMillis: a lease whose counter does not move for this long is expired.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Defaults to lease duration / 3 − 25 ms.</summary>
    public TimeSpan? RenewInterval { get; set; }

    /// <summary>Defaults to 2 × (lease duration + 25 ms).</summary>
    public TimeSpan? TakeInterval { get; set; }

    public TimeSpan ShardSyncInterval { get; set; } = TimeSpan.FromSeconds(60);

    public TimeSpan ParentShardPollInterval { get; set; } = TimeSpan.FromSeconds(10);

    public int MaxLeasesForWorker { get; set; } = int.MaxValue;

    public int MaxLeasesToStealAtOneTime { get; set; } = 1;

    public RetrievalMode RetrievalMode { get; set; } = RetrievalMode.Polling;

    /// <summary>Enhanced fan-out consumer name; defaults to <see cref="ApplicationName"/>.</summary>
    public string? ConsumerName { get; set; }

    public int MaxRecords { get; set; } = 10_000;

    /// <summary>Wait after a GetRecords call that returned nothing.</summary>
    public TimeSpan IdleTimeBetweenReads { get; set; } = TimeSpan.FromMilliseconds(1500);

    /// <summary>Wait before retrying a failed task (KCL taskBackoffTimeMillis).</summary>
    public TimeSpan TaskBackoff { get; set; } = TimeSpan.FromMilliseconds(500);

    internal TimeSpan EffectiveRenewInterval => RenewInterval ?? ((LeaseDuration / 3) - TimeSpan.FromMilliseconds(25));

    internal TimeSpan EffectiveTakeInterval => TakeInterval ?? (2 * (LeaseDuration + TimeSpan.FromMilliseconds(25)));
}
