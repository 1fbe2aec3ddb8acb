using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Kinesis.Actors.Streams;
using Orleans.Kinesis.Actors.Tests.Infrastructure;
using Orleans.Kinesis.TestKit;

namespace Orleans.Kinesis.Actors.Tests.Streams;

public sealed class StreamTests
{
    [Fact]
    public async Task EverySubscription_ReceivesEveryItemInPublishOrder()
    {
        await using var host = ActorTestHost.Create();
        var stream = host.Services.GetRequiredService<IStreamProvider>().GetStream<int>("ordered");
        var (firstItems, firstDone) = Collect(1000);
        var (secondItems, secondDone) = Collect(1000);
        await using var first = stream.Subscribe(firstItems.OnNextAsync);
        await using var second = stream.Subscribe(secondItems.OnNextAsync, new StreamSubscriptionOptions { Capacity = 3 });

        for (var i = 0; i < 1000; i++)
        {
            await stream.OnNextAsync(i, CancellationToken.None);
        }

        await firstDone.WithTimeout("first subscription received all items");
        await secondDone.WithTimeout("second subscription received all items");
        Assert.Equal(Enumerable.Range(0, 1000), firstItems.Items);
        Assert.Equal(Enumerable.Range(0, 1000), secondItems.Items);
    }

    [Fact]
    public async Task WaitMode_FullBuffer_MakesThePublisherWait()
    {
        await using var host = ActorTestHost.Create();
        var stream = host.Services.GetRequiredService<IStreamProvider>().GetStream<int>("backpressure");
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var firstReceived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var received = new ConcurrentQueue<int>();
        await using var subscription = stream.Subscribe(
            async (item, _) =>
            {
                received.Enqueue(item);
                firstReceived.TrySetResult();
                await gate.Task;
            },
            new StreamSubscriptionOptions { Capacity = 2, Overflow = StreamOverflowMode.Wait });

        await stream.OnNextAsync(1, CancellationToken.None);
        await firstReceived.Task.WithTimeout("subscriber took item 1");
        Assert.True(CompletedImmediately(stream.OnNextAsync(2, CancellationToken.None)));
        Assert.True(CompletedImmediately(stream.OnNextAsync(3, CancellationToken.None)));
        var blocked = stream.OnNextAsync(4, CancellationToken.None).AsTask();

        Assert.False(blocked.IsCompleted);
        gate.SetResult();
        await blocked.WithTimeout("publisher released once space freed");
        Assert.False(subscription.Overflowed);
    }

    [Fact]
    public async Task DisconnectMode_FullBuffer_EndsTheSubscriptionWithOverflow_WithoutMakingThePublisherWait()
    {
        await using var host = ActorTestHost.Create();
        var stream = host.Services.GetRequiredService<IStreamProvider>().GetStream<int>("disconnect");
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var firstReceived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var received = new ConcurrentQueue<int>();
        var subscription = stream.Subscribe(
            async (item, _) =>
            {
                received.Enqueue(item);
                firstReceived.TrySetResult();
                await gate.Task;
            },
            new StreamSubscriptionOptions { Capacity = 1, Overflow = StreamOverflowMode.Disconnect });

        await stream.OnNextAsync(1, CancellationToken.None);
        await firstReceived.Task.WithTimeout("subscriber took item 1");
        Assert.True(CompletedImmediately(stream.OnNextAsync(2, CancellationToken.None)));
        Assert.True(CompletedImmediately(stream.OnNextAsync(3, CancellationToken.None)));
        Assert.True(subscription.Overflowed);
        Assert.True(CompletedImmediately(stream.OnNextAsync(4, CancellationToken.None)));
        gate.SetResult();

        await Assert.ThrowsAsync<StreamOverflowException>(() => subscription.Completion.WithTimeout("subscription ended"));
        Assert.Equal([1, 2], received);
    }

    [Fact]
    public async Task DisposedSubscription_ReceivesNothingMore_AndCompletes()
    {
        await using var host = ActorTestHost.Create();
        var stream = host.Services.GetRequiredService<IStreamProvider>().GetStream<string>("unsubscribe");
        var (items, firstDone) = Collect<string>(1);
        var subscription = stream.Subscribe(items.OnNextAsync);
        await stream.OnNextAsync("before", CancellationToken.None);
        await firstDone.WithTimeout("first item delivered");

        await subscription.DisposeAsync();
        await stream.OnNextAsync("after", CancellationToken.None);

        await subscription.Completion.WithTimeout("subscription completed");
        Assert.Equal(["before"], items.Items);
    }

    [Fact]
    public async Task ThrowingCallback_FaultsCompletion_AndRemovesTheSubscription()
    {
        await using var host = ActorTestHost.Create();
        var stream = host.Services.GetRequiredService<IStreamProvider>().GetStream<int>("faulty");
        var failure = new InvalidOperationException("subscriber failed");
        var subscription = stream.Subscribe((_, _) => throw failure);

        await stream.OnNextAsync(1, CancellationToken.None);

        Assert.Same(failure, await Assert.ThrowsAsync<InvalidOperationException>(() => subscription.Completion.WithTimeout("subscription faulted")));
        Assert.True(CompletedImmediately(stream.OnNextAsync(2, CancellationToken.None)));
    }

    private static bool CompletedImmediately(ValueTask publish) => publish.IsCompletedSuccessfully;

    private static (Collector<int> Collector, Task Done) Collect(int expected) => Collect<int>(expected);

    private static (Collector<T> Collector, Task Done) Collect<T>(int expected)
    {
        var collector = new Collector<T>(expected);
        return (collector, collector.Done);
    }

    private sealed class Collector<T>(int expected)
    {
        private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly ConcurrentQueue<T> _items = new();

        public Task Done => _done.Task;

        public T[] Items => [.. _items];

        public ValueTask OnNextAsync(T item, CancellationToken cancellationToken)
        {
            _items.Enqueue(item);
            if (_items.Count >= expected)
            {
                _done.TrySetResult();
            }

            return ValueTask.CompletedTask;
        }
    }
}
