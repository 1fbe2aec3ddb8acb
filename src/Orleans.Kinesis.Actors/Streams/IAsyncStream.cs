namespace Orleans.Kinesis.Actors.Streams;

/// <summary>A stream of items fanned out to every current subscription.</summary>
public interface IAsyncStream<T>
{
    /// <summary>Delivers the item to every current subscription, preserving per-subscription order.</summary>
    ValueTask OnNextAsync(T item, CancellationToken cancellationToken);

    /// <summary>Subscribes; <paramref name="onNext"/> is called for one item at a time, in publish order.</summary>
    StreamSubscription Subscribe(Func<T, CancellationToken, ValueTask> onNext, StreamSubscriptionOptions? options = null);
}
