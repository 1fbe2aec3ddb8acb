using Microsoft.AspNetCore.Http;
using Orleans.Kinesis.Abstractions.Errors;

namespace Orleans.Kinesis.Gateway.Rest;

/// <summary>
/// An AWS error as RFC 9457 problem details: <c>title</c> is the AWS error type (<c>__type</c>), <c>detail</c> its
/// message, <c>awsErrorType</c> and <c>awsStatus</c> the error as the AWS API reports it; <c>status</c> is the
/// resource-style HTTP status (404 not found, 409 in use, 429 over a shard's throughput, 401/403 authentication, else AWS's).
/// </summary>
public static class RestProblem
{
    public const string TypePrefix = "urn:orleans-kinesis:error:";

    public static IResult From(KinesisException error)
    {
        var status = StatusOf(error);
        return TypedResults.Problem(
            detail: error.ErrorMessage ?? error.ErrorType,
            statusCode: status,
            title: error.ErrorType,
            type: TypePrefix + error.ErrorType,
            extensions: new Dictionary<string, object?>
            {
                ["awsErrorType"] = error.ErrorType,
                ["awsStatus"] = error.StatusCode,
            });
    }

    public static int StatusOf(KinesisException error) => error.ErrorType switch
    {
        KinesisErrors.ResourceNotFound => StatusCodes.Status404NotFound,
        KinesisErrors.ResourceInUse => StatusCodes.Status409Conflict,
        KinesisErrors.ProvisionedThroughputExceeded => StatusCodes.Status429TooManyRequests,
        KinesisErrors.MissingAuthenticationToken or KinesisErrors.IncompleteSignature => StatusCodes.Status401Unauthorized,
        KinesisErrors.InvalidSignature or "UnrecognizedClientException" or "AccessDeniedException" => StatusCodes.Status403Forbidden,
        RestErrors.MetricsNotAvailable => StatusCodes.Status501NotImplemented,
        _ => error.StatusCode,
    };
}
