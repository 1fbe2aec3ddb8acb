using System.Globalization;

namespace Orleans.Kinesis.Gateway.CloudWatch;

/// <summary>The statistics this server computes: the five basic ones and percentiles <c>p0</c>–<c>p100</c>.</summary>
internal static class MetricStatisticNames
{
    public static readonly HashSet<string> Basic = new(StringComparer.Ordinal) { "SampleCount", "Average", "Sum", "Minimum", "Maximum" };

    /// <summary>The percentile of <c>pNN</c> or <c>pNN.NN</c> (0–100), or null for any other name.</summary>
    public static double? Percentile(string statistic)
        => statistic.Length > 1 && statistic[0] == 'p'
            && double.TryParse(statistic.AsSpan(1), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            && value is >= 0 and <= 100
            ? value
            : null;

    public static bool IsSupported(string statistic) => Basic.Contains(statistic) || Percentile(statistic) is not null;
}
