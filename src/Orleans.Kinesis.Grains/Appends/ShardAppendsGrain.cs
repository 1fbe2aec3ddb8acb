using Microsoft.Extensions.Logging;
using Orleans.Concurrency;
using Orleans.Streams;
using Orleans.Streams.Core;

namespace Orleans.Kinesis.Grains.Appends;

/// <summary>
/// Relays one shard's notices to waiting readers (SubscribeToShard deliveries, Firehose sources). The memory streams
/// provider delivers the shard's notices to it (implicit subscription: no pub-sub store to share between nodes),
/// whichever node published. The shard publishes only when armed: a wait that no notice covers yet arms it
/// (<see cref="IShardAppendsSource.ArmAsync"/>), which returns the shard's position at once (so records that became
/// durable before the arming are never missed) and makes its next flush or close publish one notice. That notice
/// disarms the shard, so a wait still uncovered after it arms again. The relay keeps only the newest position; each
/// arrival or arming answer completes the current wake-up signal. A wait that times out uncovered while armed arms
/// afresh next time, in case a notice was lost (a failed publish, a shard that deactivated while armed).
/// Reentrant: deliveries and arming answers run between the waits.
/// </summary>
[ImplicitStreamSubscription(ShardAppendsStream.Namespace)]
[GrainType("shard-appends")]
[Reentrant]
public sealed partial class ShardAppendsGrain : Grain, IShardAppendsGrain, IStreamSubscriptionObserver, IAsyncObserver<ShardAppended>
{
    private readonly TimeProvider _time;
    /// <summary>The longest one wait stands, whatever its deadline.</summary>
    private const long MaxWaitMs = 3_600_000;

    private readonly ILogger<ShardAppendsGrain> _logger;
    private TaskCompletionSource _arrived = NewSignal();
    private ShardAppended _latest = new(-1, false);
    /// <summary>An arming is sent and its notice not in yet.</summary>
    private bool _armed;

    public ShardAppendsGrain(TimeProvider time, ILogger<ShardAppendsGrain> logger)
    {
        _time = time;
        _logger = logger;
    }

    public async Task<bool> WaitAsync(long fromOrdinal, long untilMs)
    {
        if (Covers(fromOrdinal))
        {
            return true;
        }

        var waitMs = untilMs - _time.GetUtcNow().ToUnixTimeMilliseconds();
        if (waitMs <= 0)
        {
            return false;
        }

        var arrived = _arrived.Task;
        using var timeout = new CancellationTokenSource();
        var delay = Task.Delay(TimeSpan.FromMilliseconds(Math.Min(waitMs, MaxWaitMs)), _time, timeout.Token);
        while (!Covers(fromOrdinal))
        {
            if (!_armed)
            {
                _armed = true;
                _ = ArmAsync();
            }

            if (await Task.WhenAny(arrived, delay) != arrived)
            {
                if (Covers(fromOrdinal))
                {
                    return true;
                }

                _armed = false;
                return false;
            }

            arrived = _arrived.Task;
        }

        await timeout.CancelAsync();
        return true;
    }

    public Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory)
        => handleFactory.Create<ShardAppended>().ResumeAsync(this);

    public Task OnNextAsync(ShardAppended item, StreamSequenceToken? token = null)
    {
        // The notice disarmed the shard: wake every waiter, and those it does not cover arm it again.
        _armed = false;
        Arrived(item);
        return Task.CompletedTask;
    }

    public Task OnCompletedAsync() => Task.CompletedTask;

    public Task OnErrorAsync(Exception ex) => Task.CompletedTask;

    private async Task ArmAsync()
    {
        try
        {
            Arrived(await GrainFactory.GetGrain<IShardAppendsSource>(this.GetPrimaryKeyString()).ArmAsync());
        }
        catch (Exception exception)
        {
            // The waiters fall back on their deadlines; the next wait arms again.
            _armed = false;
            Log.ArmFailed(_logger, this.GetPrimaryKeyString(), exception);
        }
    }

    private void Arrived(ShardAppended position)
    {
        _latest = new ShardAppended(Math.Max(position.DurableOrdinal, _latest.DurableOrdinal), position.Closed || _latest.Closed);
        var arrived = _arrived;
        _arrived = NewSignal();
        arrived.TrySetResult();
    }

    private bool Covers(long fromOrdinal) => _latest.Closed || _latest.DurableOrdinal > fromOrdinal;

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private static partial class Log
    {
        [LoggerMessage(EventId = GrainsEventIds.ShardAppendsArmFailed, Level = LogLevel.Warning,
            Message = "The notice relay of shard {ShardKey} could not arm its shard; its readers catch up at their deadlines")]
        public static partial void ArmFailed(ILogger logger, string shardKey, Exception exception);
    }
}
