namespace Orleans.Kinesis.Gateway.CloudWatch;

/// <summary>A CloudWatch error: its query-protocol code (e.g. <c>InvalidParameterValue</c>), message and status.</summary>
public sealed class CloudWatchException(string code, string message, int statusCode = 400) : Exception(message)
{
    public string Code { get; } = code;

    public int StatusCode { get; } = statusCode;

    /// <summary>
    /// The JSON protocol's error type: the code with the <c>Exception</c> suffix of the model's shape; codes with no
    /// shape in the model (<c>ValidationError</c>) stay as they are.
    /// </summary>
    public string JsonType => Code.EndsWith("Exception", StringComparison.Ordinal) || Code == "ValidationError" ? Code : Code + "Exception";

    public static CloudWatchException InvalidParameter(string message) => new("InvalidParameterValue", message);

    public static CloudWatchException Missing(string parameter) => new("MissingParameter", $"The parameter {parameter} is required.");
}
