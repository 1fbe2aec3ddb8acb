using Orleans.Kinesis.Storage.IO;

namespace Orleans.Kinesis.Storage.Tests.IO;

public sealed class FlushSchedulerTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task WorkFromManyThreads_RunsEachItemOnce()
    {
        using var scheduler = new FlushScheduler(4);
        const int producers = 8, perProducer = 500;
        var tally = new Tally(producers * perProducer);
        await Task.WhenAll(Enumerable.Range(0, producers).Select(p => Task.Run(() =>
        {
            for (var i = 0; i < perProducer; i++)
            {
                scheduler.Schedule(static state => ((Tally)((object[])state)[0]).Run((int)((object[])state)[1]), new object[] { tally, (p * perProducer) + i });
            }
        })));

        await tally.Done.Task.WaitAsync(Bound);
        Assert.All(tally.Runs, count => Assert.Equal(1, count));
    }

    [Fact]
    public async Task WorkQueuedWhileTheOtherThreadIsBusy_WakesASleepingThread()
    {
        using var firstStarted = new ManualResetEventSlim();
        using var secondRan = new ManualResetEventSlim();
        using var scheduler = new FlushScheduler(2); // disposed first: its threads are done with the events after
        var firstSawSecond = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        scheduler.Schedule(_ =>
        {
            firstStarted.Set();
            firstSawSecond.SetResult(secondRan.Wait(Bound)); // holds its thread: only the other one can run the second item
        }, this);
        Assert.True(firstStarted.Wait(Bound), "the first item never started");

        scheduler.Schedule(_ => secondRan.Set(), this);
        Assert.True(await firstSawSecond.Task.WaitAsync(Bound * 2), "the item queued while one thread was busy did not run on the other");
    }

    [Fact]
    public async Task WorkThatQueuesItsNextStep_RunsEveryStep()
    {
        using var scheduler = new FlushScheduler(4);
        var done = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var chain = new Chain(scheduler, 1_000, done);
        scheduler.Schedule(static state => ((Chain)state).Step(), chain);
        Assert.Equal(1_000, await done.Task.WaitAsync(Bound));
    }

    [Fact]
    public void Dispose_RunsWhatWasQueuedFirst_AndLaterWorkRunsInline()
    {
        var scheduler = new FlushScheduler(1);
        using var gate = new ManualResetEventSlim();
        var ran = 0;
        scheduler.Schedule(_ => gate.Wait(Bound), this);
        for (var i = 0; i < 10; i++)
        {
            scheduler.Schedule(_ => Interlocked.Increment(ref ran), this);
        }

        gate.Set();
        scheduler.Dispose();
        Assert.Equal(10, ran);

        var thread = -1;
        scheduler.Schedule(_ => thread = Environment.CurrentManagedThreadId, this);
        Assert.Equal(Environment.CurrentManagedThreadId, thread);
    }

    private sealed class Tally(int items)
    {
        private int _left = items;

        public int[] Runs { get; } = new int[items];

        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Run(int index)
        {
            Interlocked.Increment(ref Runs[index]);
            if (Interlocked.Decrement(ref _left) == 0)
            {
                Done.SetResult();
            }
        }
    }

    private sealed class Chain(FlushScheduler scheduler, int steps, TaskCompletionSource<int> done)
    {
        private int _taken;

        public void Step()
        {
            if (++_taken == steps)
            {
                done.SetResult(_taken);
                return;
            }

            scheduler.Schedule(static state => ((Chain)state).Step(), this);
        }
    }
}
