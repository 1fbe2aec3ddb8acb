namespace Orleans.Kinesis.Client.Errors;

/// <summary>The <c>__type</c> values the client and the producer act on.</summary>
public static class ErrorTypes
{
    public const string ResourceNotFound = "ResourceNotFoundException";
    public const string ResourceInUse = "ResourceInUseException";
    public const string ProvisionedThroughputExceeded = "ProvisionedThroughputExceededException";
    public const string LimitExceeded = "LimitExceededException";
    public const string ExpiredIterator = "ExpiredIteratorException";
    public const string InvalidArgument = "InvalidArgumentException";
    public const string Throttling = "ThrottlingException";
    public const string InternalFailure = "InternalFailure";
    public const string ServiceUnavailable = "ServiceUnavailableException";

    /// <summary>Throttling and rate limits, which the client retries with back-off.</summary>
    public static bool IsThrottling(string? errorType)
        => errorType is ProvisionedThroughputExceeded or LimitExceeded or Throttling or "KMSThrottlingException";

    /// <summary>The exception name without a namespace prefix (<c>com.amazonaws…#Name</c>) or a trailing <c>:…</c>.</summary>
    public static string Normalize(string errorType)
    {
        var hash = errorType.LastIndexOf('#');
        var name = hash >= 0 ? errorType[(hash + 1)..] : errorType;
        var colon = name.IndexOf(':', StringComparison.Ordinal);
        return colon >= 0 ? name[..colon] : name;
    }
}
