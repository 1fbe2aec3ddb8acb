using System.Net;

namespace Orleans.Kinesis.Client.Errors;

/// <summary>The service answered <c>InvalidArgumentException</c>.</summary>
public sealed class InvalidArgumentException(HttpStatusCode statusCode, string message, string? requestId = null)
    : KinesisServiceException(ErrorTypes.InvalidArgument, statusCode, message, requestId);
