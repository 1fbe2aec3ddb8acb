using Microsoft.Extensions.Logging;
using Orleans.Streams;

namespace Orleans.Kinesis.Grains.Appends;

/// <summary>
/// Publishes a shard's notices, fire and forget: <see cref="Notify"/> never waits and never throws. The appends that
/// shared one flush all report the same durable ordinal, and only the first publishes, so there is one notice per
/// flush. At most one publish is in flight: flushes that complete meanwhile fold into a single notice of the newest
/// position sent after it (bounded whatever the write rate). A failed publish is logged; readers fall back on their
/// own timeout. Runs on its grain's scheduler, so it needs no locks.
/// </summary>
public sealed partial class ShardAppendsPublisher
{
    private readonly IAsyncStream<ShardAppended> _stream;
    private readonly ILogger _logger;
    private readonly string _shardKey;
    private ShardAppended _published = new(-1, false);
    private ShardAppended _latest = new(-1, false);
    private bool _publishing;

    public ShardAppendsPublisher(IAsyncStream<ShardAppended> stream, ILogger logger, string shardKey)
    {
        _stream = stream;
        _logger = logger;
        _shardKey = shardKey;
    }

    /// <summary>Reports the shard's durable position; publishes it unless a notice already covered it.</summary>
    public void Notify(long durableOrdinal, bool closed)
    {
        if (durableOrdinal <= _latest.DurableOrdinal && (!closed || _latest.Closed))
        {
            return;
        }

        _latest = new ShardAppended(Math.Max(durableOrdinal, _latest.DurableOrdinal), closed || _latest.Closed);
        if (!_publishing)
        {
            _publishing = true;
            _ = PublishAsync();
        }
    }

    private async Task PublishAsync()
    {
        try
        {
            while (_published != _latest)
            {
                var notice = _latest;
                _published = notice;
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
