namespace Orleans.Kinesis.Actors.Streams;

/// <summary>Buffering of one subscription.</summary>
public sealed class StreamSubscriptionOptions
{
    /// <summary>Items buffered between publisher and subscriber.</summary>
    public int Capacity { get; init; } = 1024;

    public StreamOverflowMode Overflow { get; init; } = StreamOverflowMode.Wait;
}
