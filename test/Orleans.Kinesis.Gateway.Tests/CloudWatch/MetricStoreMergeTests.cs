using Orleans.Kinesis.Gateway.CloudWatch;

namespace Orleans.Kinesis.Gateway.Tests.CloudWatch;

/// <summary>The same series on two nodes merges into one datapoint; an archive round trip keeps the distribution.</summary>
[Trait("Area", "Monitoring")]
public sealed class MetricStoreMergeTests
{
    private const long Minute = 29_000_000;
    private static readonly MetricDimensions Orders = new("StreamName", "orders", null, null);
    private static readonly DateTimeOffset From = DateTimeOffset.FromUnixTimeMilliseconds(Minute * 60_000);

    [Fact]
    public void TwoNodes_SameSeries_AddCountsAndSums_KeepExtremes_AndMergeDistributions()
    {
        var first = Store(("GetRecords.Latency", "Milliseconds", [10, 20, 30]));
        var second = Store(("GetRecords.Latency", "Milliseconds", [40, 1000]));

        var periods = MetricPeriods.Read([first, second], "AWS/Kinesis", "GetRecords.Latency", [new("StreamName", "orders")], From, From.AddMinutes(5), 5, out var unit);

        var (start, stats) = Assert.Single(periods);
        Assert.Equal(From, start);
        Assert.Equal("Milliseconds", unit);
        Assert.Equal(5, stats.SampleCount);
        Assert.Equal(1100, stats.Sum);
        Assert.Equal(10, stats.Minimum);
        Assert.Equal(1000, stats.Maximum);
        Assert.Equal(1000, stats.Get("p100"));
        Assert.Equal(10, stats.Get("p0"));
        AssertNear(30, stats.Get("p60")!.Value); // the 3rd of 5 samples
        AssertNear(40, stats.Get("p80")!.Value);
    }

    [Fact]
    public void ArchiveRoundTrip_KeepsCountsAndPercentiles()
    {
        var node = Store(("PutRecord.Latency", "Milliseconds", [1, 2, 3, 4, 100]), ("IncomingRecords", "Count", [5, 7]));
        var restored = new MetricStore(60);
        Assert.Equal(2, MetricArchiveFormat.Restore(restored, MetricArchiveFormat.Write(node), Minute));

        var latency = Assert.Single(MetricPeriods.Read([restored], "AWS/Kinesis", "PutRecord.Latency", [new("StreamName", "orders")], From, From.AddMinutes(1), 1, out _)).Statistics;
        Assert.Equal(5, latency.SampleCount);
        AssertNear(3, latency.Get("p50")!.Value);
        var records = Assert.Single(MetricPeriods.Read([restored], "AWS/Kinesis", "IncomingRecords", [new("StreamName", "orders")], From, From.AddMinutes(1), 1, out _)).Statistics;
        Assert.Equal(12, records.Sum);
        Assert.Null(records.Buckets); // counts keep no distribution
        Assert.Null(records.Get("p50"));
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(1)]
    [InlineData(7.3)]
    [InlineData(250)]
    [InlineData(86_400_000)]
    public void Histogram_BucketMiddle_IsWithinSevenPercent(double value)
        => AssertNear(value, MetricHistogram.Middle(MetricHistogram.Bucket(value)));

    private static void AssertNear(double expected, double actual)
        => Assert.True(Math.Abs(actual - expected) <= expected * 0.07, $"expected about {expected}, got {actual}");

    private static MetricStore Store(params (string Name, string Unit, double[] Values)[] metrics)
    {
        var store = new MetricStore(60);
        foreach (var (name, unit, values) in metrics)
        {
            var series = store.GetOrAdd("AWS/Kinesis", name, unit).Series(Orders);
            foreach (var value in values)
            {
                series.Add(Minute, value);
            }
        }

        return store;
    }
}
