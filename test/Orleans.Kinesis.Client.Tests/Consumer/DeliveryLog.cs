using System.Collections.Concurrent;
using System.Text;
using Orleans.Kinesis.Client.Aggregation;

namespace Orleans.Kinesis.Client.Tests.Consumer;

/// <summary>Everything the test processors saw, in order, with awaitable conditions (no polling).</summary>
public sealed class DeliveryLog
{
    private readonly Lock _lock = new();
    private readonly List<(Func<bool> Condition, TaskCompletionSource Done)> _waiters = [];
    private long _clock;

    public ConcurrentQueue<(string ShardId, string Data, string SequenceNumber, long SubSequenceNumber, string Worker)> Records { get; } = new();

    public ConcurrentQueue<(long At, string ShardId, string Event, string Worker)> Events { get; } = new();

    public HashSet<string> DistinctData()
    {
        lock (_lock)
        {
            return [.. Records.Select(r => r.Data)];
        }
    }

    public void Add(string shardId, KinesisClientRecord record, string worker)
    {
        lock (_lock)
        {
            Records.Enqueue((shardId, Encoding.UTF8.GetString(record.Data.Span), record.SequenceNumber, record.SubSequenceNumber, worker));
        }

        Signal();
    }

    public void Event(string shardId, string name, string worker)
    {
        Events.Enqueue((Interlocked.Increment(ref _clock), shardId, name, worker));
        Signal();
    }

    /// <summary>Completes when <paramref name="condition"/> holds (re-checked on every delivery and event).</summary>
    public Task WhenAsync(Func<bool> condition)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            if (condition())
            {
                return Task.CompletedTask;
            }

            _waiters.Add((condition, done));
        }

        return done.Task;
    }

    private void Signal()
    {
        lock (_lock)
        {
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Condition())
                {
                    _waiters[i].Done.TrySetResult();
                    _waiters.RemoveAt(i);
                }
            }
        }
    }
}
