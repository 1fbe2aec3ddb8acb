namespace Orleans.Kinesis.Gateway.CloudWatch;

/// <summary>Reads one metric with exact dimensions from several nodes' stores, merged, period by period.</summary>
internal static class MetricPeriods
{
    /// <summary>
    /// The periods of [from, to) that hold samples on any node, starting at <paramref name="from"/>'s minute, and the
    /// metric's unit (null when no node knows the metric or the dimensions).
    /// </summary>
    public static List<(DateTimeOffset Start, MetricStatistics Statistics)> Read(
        IReadOnlyList<MetricStore> stores,
        string ns,
        string name,
        IReadOnlyList<KeyValuePair<string, string>> dimensions,
        DateTimeOffset from,
        DateTimeOffset to,
        int periodMinutes,
        out string? unit)
    {
        unit = null;
        var series = new List<MetricSeries>(stores.Count);
        foreach (var store in stores)
        {
            if (store.Find(ns, name) is { } table && table.Find(dimensions) is { } found)
            {
                unit ??= table.Unit;
                series.Add(found);
            }
        }

        var periods = new List<(DateTimeOffset, MetricStatistics)>();
        if (series.Count == 0)
        {
            return periods;
        }

        var first = from.ToUnixTimeMilliseconds() / 60_000;
        var end = (to.ToUnixTimeMilliseconds() + 59_999) / 60_000;
        for (var start = first; start < end; start += periodMinutes)
        {
            var stats = default(MetricStatistics);
            foreach (var one in series)
            {
                stats = stats.Combine(one.Read(start, Math.Min(start + periodMinutes, end)));
            }

            if (stats.SampleCount > 0)
            {
                periods.Add((DateTimeOffset.FromUnixTimeMilliseconds(start * 60_000), stats));
            }
        }

        return periods;
    }
}
