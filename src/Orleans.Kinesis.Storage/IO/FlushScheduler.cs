using System.Collections.Concurrent;

namespace Orleans.Kinesis.Storage.IO;

/// <summary>
/// Dedicated threads for the blocking write-and-fsync work of the shard logs. Running it on the thread pool would
/// park pool threads in fsync and, on a small machine, delay request processing until the pool injects threads;
/// a few dedicated threads keep fsync latency off the request path and let flushes of different logs overlap.
/// </summary>
internal sealed class FlushScheduler : IDisposable
{
    private readonly BlockingCollection<(Action<object> Work, object State)> _queue = new();
    private readonly Thread[] _threads;

    public FlushScheduler(int threadCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threadCount, 1);
        _threads = new Thread[threadCount];
        for (var i = 0; i < threadCount; i++)
        {
            _threads[i] = new Thread(Run) { IsBackground = true, Name = "log-flush-" + i };
            _threads[i].Start();
        }
    }

    /// <summary>Threads for the flushes of many logs: enough to overlap several fsyncs, few enough to stay cheap.</summary>
    public static int DefaultThreadCount => Math.Clamp(Environment.ProcessorCount * 2, 4, 16);

    public void Schedule(Action<object> work, object state)
    {
        if (!_queue.TryAdd((work, state)))
        {
            // After disposal (process shutdown): run the work inline rather than dropping a flush.
            work(state);
        }
    }

    public void Dispose()
    {
        _queue.CompleteAdding();
        foreach (var thread in _threads)
        {
            thread.Join();
        }

        _queue.Dispose();
    }

    private void Run()
    {
        foreach (var (work, state) in _queue.GetConsumingEnumerable())
        {
            work(state);
        }
    }
}
