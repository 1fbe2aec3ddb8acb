namespace Orleans.Kinesis.Actors.Streams;

/// <summary>
/// A live subscription. <see cref="Completion"/> completes when it is disposed, faults with the callback's
/// exception, or faults with <see cref="StreamOverflowException"/> after a Disconnect-mode overflow.
/// </summary>
public sealed class StreamSubscription : IAsyncDisposable
{
    private readonly ISubscriptionPump _pump;

    internal StreamSubscription(ISubscriptionPump pump)
    {
        _pump = pump;
    }

    public Task Completion => _pump.Completion;

    /// <summary>True when the subscription ended because its buffer was full (Disconnect mode).</summary>
    public bool Overflowed => _pump.Overflowed;

    /// <summary>Unsubscribes: no further items are delivered; awaits an in-flight callback unless called from it.</summary>
    public ValueTask DisposeAsync() => _pump.DisposeAsync();
}
