using Orleans.Kinesis.Abstractions.Grains;

namespace Orleans.Kinesis.Gateway.Handlers;

/// <summary>
/// Which shards a ListShards ShardFilter selects (spec §3.2), by shard creation and closing times. Closed shards
/// whose records have all passed the retention period (closed before the trim horizon) are expired and never listed.
/// </summary>
public readonly record struct ShardWindow(long TrimHorizonMs, long? AtMs, long? FromMs, bool OpenOnly)
{
    /// <summary>
    /// AT_TRIM_HORIZON / AT_TIMESTAMP: shards open at that time (a time before the stream existed means its
    /// creation); FROM_TIMESTAMP: shards open at or after it (never before the trim horizon); AT_LATEST: open shards;
    /// anything else: every unexpired shard.
    /// </summary>
    public static ShardWindow Of(string? filterType, long? timestampMs, StreamSnapshot snapshot, long nowMs)
    {
        var horizon = nowMs - (snapshot.RetentionPeriodHours * 3_600_000L);
        return filterType switch
        {
            "AT_LATEST" => new ShardWindow(horizon, null, null, true),
            "AT_TRIM_HORIZON" => new ShardWindow(horizon, Math.Max(horizon, snapshot.CreatedTimeMs), null, false),
            "AT_TIMESTAMP" => new ShardWindow(horizon, Math.Max(timestampMs ?? nowMs, snapshot.CreatedTimeMs), null, false),
            "FROM_TIMESTAMP" => new ShardWindow(horizon, null, Math.Max(timestampMs ?? nowMs, horizon), false),
            _ => new ShardWindow(horizon, null, null, false),
        };
    }

    public bool Includes(ShardDescriptor shard)
    {
        var closedMs = shard.IsOpen ? (long?)null : shard.ClosedTimeMs ?? shard.CreatedTimeMs;
        if (closedMs < TrimHorizonMs)
        {
            return false;
        }

        if (OpenOnly)
        {
            return shard.IsOpen;
        }

        if (AtMs is { } at)
        {
            return shard.CreatedTimeMs <= at && (closedMs is null || closedMs >= at);
        }

        if (FromMs is { } from)
        {
            return closedMs is null || closedMs >= from;
        }

        return true;
    }
}
