using Orleans.Kinesis.Abstractions.Errors;

namespace Orleans.Kinesis.Gateway.Rest;

/// <summary>Errors of the REST layer itself, named and shaped like the AWS API's.</summary>
public static class RestErrors
{
    /// <summary>The metrics route has no series to read: the server collects no metrics, or has no series source.</summary>
    public const string MetricsNotAvailable = "MetricsNotAvailableException";

    public static KinesisException Invalid(string message) => KinesisErrors.InvalidArgumentError(message);

    public static KinesisException NoMetrics()
        => new(MetricsNotAvailable, "Metrics are not available: this server collects no metrics (--no-metrics).", 501);
}
