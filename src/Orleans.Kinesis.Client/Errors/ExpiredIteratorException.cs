using System.Net;

namespace Orleans.Kinesis.Client.Errors;

/// <summary>The service answered <c>ExpiredIteratorException</c>.</summary>
public sealed class ExpiredIteratorException(HttpStatusCode statusCode, string message, string? requestId = null)
    : KinesisServiceException(ErrorTypes.ExpiredIterator, statusCode, message, requestId);
