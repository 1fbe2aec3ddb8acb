using Microsoft.Extensions.Logging;
using Orleans.Streams;

namespace Orleans.Kinesis.Grains.Appends;

/// <summary>
/// Publishes a shard's notices, fire and forget: <see cref="Notify"/> never waits and never throws. It publishes
/// only when armed (<see cref="Arm"/>, called by the shard's relay when a reader waits for records the relay has no
/// notice of yet), and one notice disarms it: the flushes of a shard nobody waits on cost nothing here, and a waited
/// shard sends one notice per wake-up, not one per flush. At most one publish is in flight; a notice due meanwhile
/// is sent after it, with the newest position. A failed publish is logged; readers fall back on their own timeout.
/// Runs on its grain's scheduler, so it needs no locks.
/// </summary>
public sealed partial class ShardAppendsPublisher
{
    private readonly IAsyncStream<ShardAppended> _stream;
    private readonly ILogger _logger;
    private readonly string _shardKey;
    private ShardAppended _latest = new(-1, false);
    private bool _armed;
    private bool _due;
    private bool _publishing;

    public ShardAppendsPublisher(IAsyncStream<ShardAppended> stream, ILogger logger, string shardKey)
    {
        _stream = stream;
        _logger = logger;
        _shardKey = shardKey;
    }

    /// <summary>Has the next <see cref="Notify"/> publish; returns the newest position known, the shard's given one included.</summary>
    public ShardAppended Arm(long durableOrdinal, bool closed)
    {
        Merge(durableOrdinal, closed);
        _armed = true;
        return _latest;
    }

    /// <summary>Reports the shard's durable position (after a flush, or its close); publishes it when armed.</summary>
    public void Notify(long durableOrdinal, bool closed)
    {
        Merge(durableOrdinal, closed);
        if (!_armed)
        {
            return;
        }

        _armed = false;
        _due = true;
        if (!_publishing)
        {
            _publishing = true;
            _ = PublishAsync();
        }
    }

    private void Merge(long durableOrdinal, bool closed)
        => _latest = new ShardAppended(Math.Max(durableOrdinal, _latest.DurableOrdinal), closed || _latest.Closed);

    private async Task PublishAsync()
    {
        try
        {
            while (_due)
            {
                _due = false;
                var notice = _latest;
                try
                {
                    await _stream.OnNextAsync(notice);
                }
                catch (Exception exception)
                {
                    Log.PublishFailed(_logger, _shardKey, notice.DurableOrdinal, exception);
                }
            }
        }
        finally
        {
            _publishing = false;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = GrainsEventIds.ShardAppendsPublishFailed, Level = LogLevel.Warning,
            Message = "Shard {ShardKey} could not publish its appends notice (durable ordinal {DurableOrdinal}); its readers catch up at their next timeout")]
        public static partial void PublishFailed(ILogger logger, string shardKey, long durableOrdinal, Exception exception);
    }
}
