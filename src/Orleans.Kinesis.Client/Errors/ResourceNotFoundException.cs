using System.Net;

namespace Orleans.Kinesis.Client.Errors;

/// <summary>The service answered <c>ResourceNotFoundException</c>.</summary>
public sealed class ResourceNotFoundException(HttpStatusCode statusCode, string message, string? requestId = null)
    : KinesisServiceException(ErrorTypes.ResourceNotFound, statusCode, message, requestId);
