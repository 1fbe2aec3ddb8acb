using System.Net;

namespace Orleans.Kinesis.Client.Errors;

/// <summary>The service answered <c>ResourceInUseException</c>.</summary>
public sealed class ResourceInUseException(HttpStatusCode statusCode, string message, string? requestId = null)
    : KinesisServiceException(ErrorTypes.ResourceInUse, statusCode, message, requestId);
