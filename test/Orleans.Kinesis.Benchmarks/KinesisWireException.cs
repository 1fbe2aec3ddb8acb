namespace Orleans.Kinesis.Benchmarks;

/// <summary>A control-plane call of the harness failed; the benchmark of that phase cannot go on.</summary>
internal sealed class KinesisWireException : Exception
{
    public KinesisWireException(string message)
        : base(message)
    {
    }

    public KinesisWireException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public KinesisWireException()
    {
    }
}
