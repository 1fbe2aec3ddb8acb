namespace Orleans.Kinesis.Gateway.CloudWatch;

/// <summary>
/// The statistics of one period: what a CloudWatch datapoint is made of. <see cref="Buckets"/> (time metrics only)
/// holds the sample distribution percentiles are read from (<see cref="MetricHistogram"/>).
/// </summary>
public readonly record struct MetricStatistics(long SampleCount, double Sum, double Minimum, double Maximum, long[]? Buckets = null)
{
    public double Average => SampleCount == 0 ? 0 : Sum / SampleCount;

    public MetricStatistics Combine(MetricStatistics other) => SampleCount == 0 ? other : other.SampleCount == 0 ? this
        : new(SampleCount + other.SampleCount, Sum + other.Sum, Math.Min(Minimum, other.Minimum), Math.Max(Maximum, other.Maximum), Add(Buckets, other.Buckets));

    /// <summary>The value of a statistic by its CloudWatch name (a percentile as <c>p99</c>); null when not available.</summary>
    public double? Get(string statistic) => statistic switch
    {
        "Sum" => Sum,
        "Average" => Average,
        "Minimum" => Minimum,
        "Maximum" => Maximum,
        "SampleCount" => SampleCount,
        _ => MetricStatisticNames.Percentile(statistic) is { } percentile && Buckets is not null
            ? MetricHistogram.Percentile(Buckets, SampleCount, percentile, Minimum, Maximum)
            : null,
    };

    private static long[]? Add(long[]? left, long[]? right)
    {
        if (left is null || right is null)
        {
            return left ?? right;
        }

        var sum = new long[left.Length];
        for (var i = 0; i < sum.Length; i++)
        {
            sum[i] = left[i] + right[i];
        }

        return sum;
    }
}
