namespace Orleans.Kinesis.Grains.Firehose;

/// <summary>An invocation that failed (an attempt); <see cref="Code"/> is the error code Firehose records, e.g. Lambda.FunctionError.</summary>
public sealed class TransformFailedException : Exception
{
    public TransformFailedException(string code, string message)
        : base(message) => Code = code;

    public string Code { get; }
}
