namespace Orleans.Kinesis.Gateway.CloudWatch;

/// <summary>
/// One minute of one series: SampleCount, Sum, Minimum and Maximum, and for time metrics the bucket counts of
/// <see cref="MetricHistogram"/>; updated without locks. The bucket array is made the first time the cell is used
/// (under the series' roll lock, before the minute is published) and cleared on reuse.
/// </summary>
internal sealed class MetricCell
{
    private readonly bool _percentiles;
    public int[]? Buckets;
    public long Minute = long.MinValue;
    public long Count;
    public double Sum;
    public double Min;
    public double Max;

    public MetricCell(bool percentiles) => _percentiles = percentiles;

    public void Reset(long minute)
    {
        Count = 0;
        Sum = 0;
        Min = double.PositiveInfinity;
        Max = double.NegativeInfinity;
        if (Buckets is not null)
        {
            Array.Clear(Buckets);
        }
        else if (_percentiles)
        {
            Buckets = new int[MetricHistogram.Length];
        }

        Volatile.Write(ref Minute, minute);
    }

    public void Add(double value)
    {
        Interlocked.Increment(ref Count);
        if (Buckets is not null)
        {
            Interlocked.Increment(ref Buckets[MetricHistogram.Bucket(value)]);
        }

        var sum = Volatile.Read(ref Sum);
        while (true)
        {
            var seen = Interlocked.CompareExchange(ref Sum, sum + value, sum);
            if (seen.Equals(sum))
            {
                break;
            }

            sum = seen;
        }

        var min = Volatile.Read(ref Min);
        while (value < min)
        {
            var seen = Interlocked.CompareExchange(ref Min, value, min);
            if (seen.Equals(min))
            {
                break;
            }

            min = seen;
        }

        var max = Volatile.Read(ref Max);
        while (value > max)
        {
            var seen = Interlocked.CompareExchange(ref Max, value, max);
            if (seen.Equals(max))
            {
                break;
            }

            max = seen;
        }
    }

    /// <summary>A copy of the cell's statistics.</summary>
    public MetricStatistics Statistics()
    {
        long[]? buckets = null;
        if (Buckets is not null)
        {
            buckets = new long[Buckets.Length];
            for (var i = 0; i < buckets.Length; i++)
            {
                buckets[i] = Volatile.Read(ref Buckets[i]);
            }
        }

        return new MetricStatistics(Volatile.Read(ref Count), Sum, Min, Max, buckets);
    }

    /// <summary>Puts archived statistics back (before any sample of that minute arrives).</summary>
    public void Restore(MetricStatistics statistics)
    {
        Count = statistics.SampleCount;
        Sum = statistics.Sum;
        Min = statistics.Minimum;
        Max = statistics.Maximum;
        if (Buckets is not null && statistics.Buckets is { } buckets)
        {
            for (var i = 0; i < Buckets.Length && i < buckets.Length; i++)
            {
                Buckets[i] = (int)buckets[i];
            }
        }
    }
}
