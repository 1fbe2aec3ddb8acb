namespace Orleans.Kinesis.Actors.Streams;

/// <summary>What happens when a subscription's buffer is full.</summary>
public enum StreamOverflowMode
{
    /// <summary>The publisher awaits space (backpressure).</summary>
    Wait,

    /// <summary>The subscription ends with <see cref="StreamSubscription.Overflowed"/> set; the publisher never waits.</summary>
    Disconnect,
}
