using Orleans.Concurrency;
using Orleans.Streams;
using Orleans.Streams.Core;

namespace Orleans.Kinesis.Grains.Appends;

/// <summary>
/// Relays one shard's notices to waiting readers (SubscribeToShard deliveries, Firehose sources). The memory streams
/// provider activates it on the first notice (implicit subscription: no pub-sub store to share between nodes) and
/// delivers every later one to it, whichever node published. It keeps only the newest notice; each arrival completes
/// the current wake-up signal. Reentrant: deliveries run between the waits.
/// </summary>
[ImplicitStreamSubscription(ShardAppendsStream.Namespace)]
[GrainType("shard-appends")]
[Reentrant]
public sealed class ShardAppendsGrain : Grain, IShardAppendsGrain, IStreamSubscriptionObserver, IAsyncObserver<ShardAppended>
{
    private readonly TimeProvider _time;
    /// <summary>The longest one wait stands, whatever its deadline.</summary>
    private const long MaxWaitMs = 3_600_000;

    private TaskCompletionSource _arrived = NewSignal();
    private ShardAppended _latest = new(-1, false);

    public ShardAppendsGrain(TimeProvider time)
    {
        _time = time;
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
            if (await Task.WhenAny(arrived, delay) != arrived)
            {
                return Covers(fromOrdinal);
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
        if (item.DurableOrdinal > _latest.DurableOrdinal || (item.Closed && !_latest.Closed))
        {
            _latest = new ShardAppended(Math.Max(item.DurableOrdinal, _latest.DurableOrdinal), item.Closed || _latest.Closed);
            var arrived = _arrived;
            _arrived = NewSignal();
            arrived.TrySetResult();
        }

        return Task.CompletedTask;
    }

    public Task OnCompletedAsync() => Task.CompletedTask;

    public Task OnErrorAsync(Exception ex) => Task.CompletedTask;

    private bool Covers(long fromOrdinal) => _latest.Closed || _latest.DurableOrdinal > fromOrdinal;

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
