namespace Orleans.Kinesis.Client.Model;

public sealed record DescribeStreamConsumerResponse
{
    public required ConsumerDescription ConsumerDescription { get; init; }
}
