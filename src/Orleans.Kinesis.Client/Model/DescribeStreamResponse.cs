namespace Orleans.Kinesis.Client.Model;

public sealed record DescribeStreamResponse
{
    public required StreamDescription StreamDescription { get; init; }
}
