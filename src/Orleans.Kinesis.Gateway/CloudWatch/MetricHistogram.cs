namespace Orleans.Kinesis.Gateway.CloudWatch;

/// <summary>
/// Log-linear buckets for percentiles of time metrics: eight buckets per power of two from 2^-7 to 2^33 (≈ 8 µs to
/// 100 days in milliseconds), so a percentile is within about 6% of the true sample; bucket 0 holds zero and less.
/// The bucket of a value comes from its IEEE 754 exponent and top mantissa bits: no logarithm, no branch per bucket.
/// </summary>
internal static class MetricHistogram
{
    public const int SubBuckets = 8;
    private const int MinExponent = -7;
    private const int MaxExponent = 33;
    public const int Length = 1 + ((MaxExponent - MinExponent) * SubBuckets);

    public static int Bucket(double value)
    {
        if (!(value > 0))
        {
            return 0;
        }

        var bits = BitConverter.DoubleToInt64Bits(value);
        var exponent = (int)((bits >> 52) & 0x7FF) - 1023;
        if (exponent < MinExponent)
        {
            return 1;
        }

        if (exponent >= MaxExponent)
        {
            return Length - 1;
        }

        var sub = (int)((bits >> 49) & (SubBuckets - 1));
        return 1 + ((exponent - MinExponent) * SubBuckets) + sub;
    }

    /// <summary>The middle of a bucket (0 for bucket 0).</summary>
    public static double Middle(int bucket)
    {
        if (bucket == 0)
        {
            return 0;
        }

        var exponent = ((bucket - 1) / SubBuckets) + MinExponent;
        var sub = (bucket - 1) % SubBuckets;
        return Math.ScaleB(1 + ((sub + 0.5) / SubBuckets), exponent);
    }

    /// <summary>
    /// The <paramref name="percentile"/> (0–100) of the samples counted in <paramref name="buckets"/>: the middle of the
    /// bucket holding the sample of that rank, kept within the exact minimum and maximum.
    /// </summary>
    public static double Percentile(ReadOnlySpan<long> buckets, long count, double percentile, double minimum, double maximum)
    {
        if (percentile <= 0)
        {
            return minimum;
        }

        if (percentile >= 100)
        {
            return maximum;
        }

        var rank = Math.Max(1, (long)Math.Ceiling(percentile / 100 * count));
        long seen = 0;
        for (var i = 0; i < buckets.Length; i++)
        {
            seen += buckets[i];
            if (seen >= rank)
            {
                return Math.Clamp(Middle(i), minimum, maximum);
            }
        }

        return maximum;
    }
}
