namespace Orleans.Kinesis.Actors.Tests.Grains;

public sealed class GrainTestException : Exception
{
    public GrainTestException()
    {
    }

    public GrainTestException(string message)
        : base(message)
    {
    }

    public GrainTestException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
