namespace Orleans.Kinesis.Gateway.CloudWatch;

/// <summary>One GetMetricData result before it is written: values by period start, and the period in minutes.</summary>
internal sealed record MetricTimeSeries(SortedDictionary<DateTimeOffset, double> Points, int PeriodMinutes, string Label);
