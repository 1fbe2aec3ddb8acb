namespace Orleans.Kinesis.Actors.Streams;

/// <summary>Faults <see cref="StreamSubscription.Completion"/> when a Disconnect-mode subscription's buffer overflowed.</summary>
public sealed class StreamOverflowException : Exception
{
    public StreamOverflowException()
        : base("The subscription's buffer overflowed and the subscription was disconnected.")
    {
    }

    public StreamOverflowException(string message)
        : base(message)
    {
    }

    public StreamOverflowException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
