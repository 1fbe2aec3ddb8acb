using System.Net;

namespace Orleans.Kinesis.Client.Errors;

/// <summary>An error answered by the service: its <c>__type</c> (without namespace prefix), HTTP status and message.</summary>
public class KinesisServiceException : Exception
{
    public KinesisServiceException(string errorType, HttpStatusCode statusCode, string message, string? requestId = null)
        : base($"{errorType} ({(int)statusCode}): {message}")
    {
        ErrorType = errorType;
        StatusCode = statusCode;
        ErrorMessage = message;
        RequestId = requestId;
    }

    /// <summary>The error's <c>__type</c>, e.g. <c>ResourceNotFoundException</c>.</summary>
    public string ErrorType { get; }

    public HttpStatusCode StatusCode { get; }

    /// <summary>The service's message, as sent.</summary>
    public string ErrorMessage { get; }

    /// <summary>The <c>x-amzn-RequestId</c> of the failed call, when the service sent one.</summary>
    public string? RequestId { get; }

    /// <summary>True for errors the SDKs retry: throttling and limits, and 5xx answers.</summary>
    public bool IsRetryable => (int)StatusCode >= 500 || ErrorTypes.IsThrottling(ErrorType);

    /// <summary>The typed exception for <paramref name="errorType"/>, or this base type for other errors.</summary>
    public static KinesisServiceException Create(string errorType, HttpStatusCode statusCode, string message, string? requestId = null)
        => errorType switch
        {
            ErrorTypes.ResourceNotFound => new ResourceNotFoundException(statusCode, message, requestId),
            ErrorTypes.ResourceInUse => new ResourceInUseException(statusCode, message, requestId),
            ErrorTypes.ProvisionedThroughputExceeded => new ProvisionedThroughputExceededException(statusCode, message, requestId),
            ErrorTypes.LimitExceeded => new LimitExceededException(statusCode, message, requestId),
            ErrorTypes.ExpiredIterator => new ExpiredIteratorException(statusCode, message, requestId),
            ErrorTypes.InvalidArgument => new InvalidArgumentException(statusCode, message, requestId),
            _ => new KinesisServiceException(errorType, statusCode, message, requestId),
        };
}
