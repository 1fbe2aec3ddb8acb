using Microsoft.Extensions.Logging;

namespace Orleans.Kinesis.Actors.Streams;

/// <summary>Fans items out to a copy-on-write array of subscriptions.</summary>
internal sealed class InProcessStream<T> : IAsyncStream<T>
{
    private readonly Lock _lock = new();
    private readonly ILogger _logger;
    private SubscriptionPump<T>[] _subscriptions = [];

    public InProcessStream(string streamId, ILogger logger)
    {
        StreamId = streamId;
        _logger = logger;
    }

    public string StreamId { get; }

    public ValueTask OnNextAsync(T item, CancellationToken cancellationToken)
    {
        var subscriptions = Volatile.Read(ref _subscriptions);
        for (var i = 0; i < subscriptions.Length; i++)
        {
            if (!subscriptions[i].TryEnqueue(item))
            {
                return OnNextSlowAsync(subscriptions, i, item, cancellationToken);
            }
        }

        return ValueTask.CompletedTask;
    }

    public StreamSubscription Subscribe(Func<T, CancellationToken, ValueTask> onNext, StreamSubscriptionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(onNext);
        options ??= new StreamSubscriptionOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Capacity, 1, nameof(options));
        var pump = new SubscriptionPump<T>(this, onNext, options, _logger);
        lock (_lock)
        {
            _subscriptions = [.. _subscriptions, pump];
        }

        pump.Start();
        return new StreamSubscription(pump);
    }

    internal void Remove(SubscriptionPump<T> pump)
    {
        lock (_lock)
        {
            var index = Array.IndexOf(_subscriptions, pump);
            if (index < 0)
            {
                return;
            }

            var remaining = new SubscriptionPump<T>[_subscriptions.Length - 1];
            Array.Copy(_subscriptions, 0, remaining, 0, index);
            Array.Copy(_subscriptions, index + 1, remaining, index, remaining.Length - index);
            _subscriptions = remaining;
        }
    }

    private static async ValueTask OnNextSlowAsync(SubscriptionPump<T>[] subscriptions, int index, T item, CancellationToken cancellationToken)
    {
        await subscriptions[index].EnqueueAsync(item, cancellationToken).ConfigureAwait(false);
        for (var i = index + 1; i < subscriptions.Length; i++)
        {
            if (!subscriptions[i].TryEnqueue(item))
            {
                await subscriptions[i].EnqueueAsync(item, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
