namespace Orleans.Kinesis.Abstractions.Errors;

/// <summary>
/// An error the service reports to its caller, named as AWS names it (<c>__type</c>), with AWS's HTTP status.
/// Grains throw it; the gateway writes it. Every error type of the API is a 400 except InternalFailure. It crosses
/// grain calls (and machines) with its type, message and status.
/// </summary>
[GenerateSerializer, Alias("kinesis.KinesisException")]
public sealed class KinesisException : Exception
{
    public KinesisException(string errorType, string? message, int statusCode = 400)
        : base(message ?? errorType)
    {
        ErrorType = errorType;
        ErrorMessage = message;
        StatusCode = statusCode;
    }

    /// <summary>The bare AWS error shape name, e.g. <c>ResourceNotFoundException</c>.</summary>
    [Id(0)]
    public string ErrorType { get; }

    /// <summary>The message to send, or null for errors AWS sends without one.</summary>
    [Id(1)]
    public string? ErrorMessage { get; }

    [Id(2)]
    public int StatusCode { get; }
}
