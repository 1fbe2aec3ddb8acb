using Orleans.Kinesis.Client.Consumer;
using Orleans.Kinesis.Client.Consumer.Leases;

namespace Orleans.Kinesis.Client.Tests.Consumer;

/// <summary>Starts stream processors with short, test-sized timings.</summary>
public static class Workers
{
    public static StreamProcessorOptions Options(string stream, string worker, RetrievalMode mode = RetrievalMode.Polling) => new()
    {
        StreamName = stream,
        ApplicationName = "app-" + stream,
        WorkerId = worker,
        LeaseDuration = TimeSpan.FromMilliseconds(1500),
        ShardSyncInterval = TimeSpan.FromSeconds(2),
        ParentShardPollInterval = TimeSpan.FromMilliseconds(100),
        IdleTimeBetweenReads = TimeSpan.FromMilliseconds(50),
        TaskBackoff = TimeSpan.FromMilliseconds(100),
        RetrievalMode = mode,
    };

    public static async Task<StreamProcessor> StartAsync(KinesisClient client, ILeaseStore store, DeliveryLog log, StreamProcessorOptions options)
    {
        var processor = new StreamProcessor(client, store, () => new RecordingProcessor(log, options.WorkerId), options);
        await processor.StartAsync(CancellationToken.None);
        return processor;
    }

    /// <summary>Completes when <paramref name="condition"/> over the workers holds, re-checked on every lease change.</summary>
    public static Task WhenLeasesAsync(IReadOnlyList<StreamProcessor> workers, Func<bool> condition)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Check(object? sender, EventArgs e)
        {
            if (condition())
            {
                done.TrySetResult();
            }
        }

        foreach (var worker in workers)
        {
            worker.LeasesChanged += Check;
        }

        Check(null, EventArgs.Empty);
        return done.Task;
    }
}
