using Orleans.Concurrency;
using Orleans.Kinesis.Grains.Appends;
using Orleans.Streams;
using Orleans.Streams.Core;

namespace Orleans.Kinesis.Grains.Tests.Appends;

/// <summary>Subscribes to the shards' notices the way the production relay does (implicitly) and keeps every one.</summary>
[ImplicitStreamSubscription(ShardAppendsStream.Namespace)]
[GrainType("test-notice-recorder")]
[Reentrant]
public sealed class NoticeRecorderGrain : Grain, INoticeRecorderGrain, IStreamSubscriptionObserver, IAsyncObserver<ShardAppended>
{
    private readonly List<ShardAppended> _notices = [];
    private TaskCompletionSource _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async Task<ShardAppended[]> WaitForAsync(int count)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (_notices.Count < count)
        {
            await _arrived.Task.WaitAsync(timeout.Token);
        }

        return [.. _notices];
    }

    public Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory)
        => handleFactory.Create<ShardAppended>().ResumeAsync(this);

    public Task OnNextAsync(ShardAppended item, StreamSequenceToken? token = null)
    {
        _notices.Add(item);
        var arrived = _arrived;
        _arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        arrived.TrySetResult();
        return Task.CompletedTask;
    }

    public Task OnCompletedAsync() => Task.CompletedTask;

    public Task OnErrorAsync(Exception ex) => Task.CompletedTask;
}
