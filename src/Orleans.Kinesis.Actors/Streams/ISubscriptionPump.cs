namespace Orleans.Kinesis.Actors.Streams;

/// <summary>The type-erased view of a subscription's delivery loop.</summary>
internal interface ISubscriptionPump : IAsyncDisposable
{
    Task Completion { get; }

    bool Overflowed { get; }
}
