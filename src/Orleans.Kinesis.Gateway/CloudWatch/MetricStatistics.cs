namespace Orleans.Kinesis.Gateway.CloudWatch;

/// <summary>The statistics of one period: what a CloudWatch datapoint is made of.</summary>
public readonly record struct MetricStatistics(long SampleCount, double Sum, double Minimum, double Maximum)
{
    public double Average => SampleCount == 0 ? 0 : Sum / SampleCount;

    public MetricStatistics Combine(MetricStatistics other) => SampleCount == 0 ? other : other.SampleCount == 0 ? this
        : new(SampleCount + other.SampleCount, Sum + other.Sum, Math.Min(Minimum, other.Minimum), Math.Max(Maximum, other.Maximum));

    /// <summary>The value of a statistic by its CloudWatch name; null for a name it does not know.</summary>
    public double? Get(string statistic) => statistic switch
    {
        "Sum" => Sum,
        "Average" => Average,
        "Minimum" => Minimum,
        "Maximum" => Maximum,
        "SampleCount" => SampleCount,
        _ => null,
    };
}
