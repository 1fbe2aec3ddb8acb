namespace Orleans.Kinesis.Gateway.CloudWatch;

/// <summary>One minute of one series: SampleCount, Sum, Minimum and Maximum, updated without locks.</summary>
internal sealed class MetricCell
{
    public long Minute = long.MinValue;
    public long Count;
    public double Sum;
    public double Min;
    public double Max;

    public void Reset(long minute)
    {
        Count = 0;
        Sum = 0;
        Min = double.PositiveInfinity;
        Max = double.NegativeInfinity;
        Volatile.Write(ref Minute, minute);
    }

    public void Add(double value)
    {
        Interlocked.Increment(ref Count);
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
}
