namespace Orleans.Kinesis.Client.Model;

public sealed record DescribeStreamSummaryRequest : StreamRequest;
