namespace Orleans.Kinesis.Gateway.Diagnostics;

/// <summary>The UCUM units the product instruments use, and the CloudWatch unit each stands for.</summary>
public static class MetricUnits
{
    public const string Bytes = "By";
    public const string Count = "{count}";
    public const string Milliseconds = "ms";
    public const string Seconds = "s";
    public const string Ratio = "1";

    /// <summary>The CloudWatch <c>StandardUnit</c> of an instrument unit.</summary>
    public static string CloudWatchUnit(string? unit) => unit switch
    {
        Bytes => "Bytes",
        Milliseconds => "Milliseconds",
        Seconds => "Seconds",
        Count => "Count",
        _ => "None",
    };
}
