using Orleans.Kinesis.Abstractions.Grains;

namespace Orleans.Kinesis.Gateway.Diagnostics;

/// <summary>The shard-level metrics a stream has enabled with EnableEnhancedMonitoring, as flags.</summary>
[Flags]
public enum ShardLevelMetrics
{
    None = 0,
    IncomingBytes = 1,
    IncomingRecords = 2,
    OutgoingBytes = 4,
    OutgoingRecords = 8,
    WriteProvisionedThroughputExceeded = 16,
    ReadProvisionedThroughputExceeded = 32,
    IteratorAgeMilliseconds = 64,
}

/// <summary>Reads <see cref="ShardLevelMetrics"/> from a stream snapshot.</summary>
public static class ShardLevelMetricsExtensions
{
    public static ShardLevelMetrics EnabledShardMetrics(this StreamSnapshot snapshot)
    {
        var enabled = ShardLevelMetrics.None;
        foreach (var name in snapshot.ShardLevelMetrics)
        {
            enabled |= Enum.TryParse<ShardLevelMetrics>(name, out var metric) ? metric : ShardLevelMetrics.None;
        }

        return enabled;
    }
}
