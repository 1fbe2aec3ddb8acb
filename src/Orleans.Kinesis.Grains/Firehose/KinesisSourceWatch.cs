using Orleans.Kinesis.Abstractions.Grains;
using Orleans.Kinesis.Grains.Appends;

namespace Orleans.Kinesis.Grains.Firehose;

/// <summary>
/// Tells a KinesisStreamAsSource delivery stream when to read its source: while the grain is active, one wait per
/// source shard with a checkpoint stands at that shard's <see cref="IShardAppendsGrain"/> (on whichever node), and a
/// notice of records past the checkpoint marks the source as having news for the next tick. A pull that copied
/// records or moved a checkpoint asks for another; otherwise the source is read again only on a notice or, as the
/// safety net for a lost one, after <see cref="SafetyPullInterval"/>. Runs on the grain's scheduler: no locks.
/// </summary>
public sealed class KinesisSourceWatch
{
    /// <summary>The longest a source goes unread, whatever the notices.</summary>
    public static readonly TimeSpan SafetyPullInterval = TimeSpan.FromSeconds(15);

    /// <summary>How long one wait stands at a shard before it is renewed.</summary>
    private const long WaitMs = 5_000;

    private readonly Dictionary<int, Task<bool>> _waits = [];
    private TaskCompletionSource _pulled = NewSignal();
    private TaskCompletionSource? _stopped;
    private bool _news = true;
    private long _lastPullMs = long.MinValue / 2;

    /// <summary>Whether the next tick should read the source: a notice came, the last pull found more, or the safety net is due.</summary>
    public bool IsPullDue(long nowMs) => _news || nowMs - _lastPullMs >= (long)SafetyPullInterval.TotalMilliseconds;

    /// <summary>Records a pull; <paramref name="more"/> (records copied or checkpoints moved) asks for another at once.</summary>
    public void Pulled(long nowMs, bool more)
    {
        _lastPullMs = nowMs;
        _news = more;
        var pulled = _pulled;
        _pulled = NewSignal();
        pulled.TrySetResult();
    }

    /// <summary>Starts waiting for the source's notices (once per activation).</summary>
    public void Start(IGrainFactory grains, TimeProvider time, Func<DeliveryStreamState> state)
    {
        if (_stopped is null)
        {
            _stopped = NewSignal();
            _ = RunAsync(grains, time, state, _stopped.Task);
        }
    }

    /// <summary>Stops waiting (the activation ends or the stream is gone); standing waits end at their timeout.</summary>
    public void Stop()
    {
        _stopped?.TrySetResult();
        _stopped = null;
    }

    private async Task RunAsync(IGrainFactory grains, TimeProvider time, Func<DeliveryStreamState> current, Task stopped)
    {
        var pending = new List<Task>();
        while (!stopped.IsCompleted)
        {
            if (_news)
            {
                await Task.WhenAny(_pulled.Task, stopped); // the next tick reads; then wait again from its checkpoints
                continue;
            }

            var state = current();
            var name = KinesisSourceReader.StreamName(state.KinesisStreamArn!);
            pending.Clear();
            pending.Add(stopped);
            pending.Add(_pulled.Task); // a pull moves checkpoints and may start new shards
            foreach (var (index, checkpoint) in state.SourceCheckpoints)
            {
                if (!_waits.TryGetValue(index, out var wait) || wait.IsCompleted)
                {
                    wait = grains.GetGrain<IShardAppendsGrain>(StreamStorage.ShardKey(name, state.SourceCreatedMs.GetValueOrDefault(), index)).WaitAsync(checkpoint, time.GetUtcNow().ToUnixTimeMilliseconds() + WaitMs);
                    _waits[index] = wait;
                }

                pending.Add(wait);
            }

            await Task.WhenAny(pending);
            foreach (var (index, wait) in _waits)
            {
                if (wait.IsCompleted)
                {
                    // A failed wait (its node left) counts as news: the tick reads, and the next wait goes wherever the relay is now.
                    _news |= !wait.IsCompletedSuccessfully || wait.Result;
                    _ = wait.Exception;
                    _waits.Remove(index);
                }
            }
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
