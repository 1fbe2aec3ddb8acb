using System.Net;

namespace Orleans.Kinesis.Client.Errors;

/// <summary>The service answered <c>LimitExceededException</c>.</summary>
public sealed class LimitExceededException(HttpStatusCode statusCode, string message, string? requestId = null)
    : KinesisServiceException(ErrorTypes.LimitExceeded, statusCode, message, requestId);
