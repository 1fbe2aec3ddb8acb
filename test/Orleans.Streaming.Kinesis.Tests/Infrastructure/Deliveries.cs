using System.Collections.Concurrent;

namespace Orleans.Streaming.Kinesis.Tests.Infrastructure;

/// <summary>Every record the sink grains received, in arrival order (the grains run in the test process).</summary>
public static class Deliveries
{
    private static readonly ConcurrentQueue<(string GrainKey, KinesisStreamRecord Record)> Received = new();
    private static readonly Lock Gate = new();
    private static List<(Func<bool> Condition, TaskCompletionSource Done)> _waiters = [];

    public static IReadOnlyList<(string GrainKey, KinesisStreamRecord Record)> All => [.. Received];

    public static void Add(string grainKey, KinesisStreamRecord record)
    {
        Received.Enqueue((grainKey, record));
        List<(Func<bool>, TaskCompletionSource)> waiters;
        lock (Gate)
        {
            waiters = _waiters;
        }

        foreach (var (condition, done) in waiters)
        {
            if (condition())
            {
                done.TrySetResult();
            }
        }
    }

    /// <summary>Completes when <paramref name="condition"/> holds, re-checked after every delivery.</summary>
    public static Task WhenAsync(Func<bool> condition)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (Gate)
        {
            _waiters = [.. _waiters, (condition, done)];
        }

        if (condition())
        {
            done.TrySetResult();
        }

        return done.Task;
    }

    /// <summary>The records of the partition keys starting with <paramref name="prefix"/> (tests use distinct prefixes).</summary>
    public static List<(string GrainKey, KinesisStreamRecord Record)> ForPrefix(string prefix)
        => [.. Received.Where(d => d.Record.PartitionKey.StartsWith(prefix, StringComparison.Ordinal))];
}
