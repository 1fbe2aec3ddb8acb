using System.Net;

namespace Orleans.Kinesis.Client.Errors;

/// <summary>The service answered <c>ProvisionedThroughputExceededException</c>.</summary>
public sealed class ProvisionedThroughputExceededException(HttpStatusCode statusCode, string message, string? requestId = null)
    : KinesisServiceException(ErrorTypes.ProvisionedThroughputExceeded, statusCode, message, requestId);
