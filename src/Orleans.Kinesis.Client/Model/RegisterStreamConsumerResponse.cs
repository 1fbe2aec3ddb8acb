namespace Orleans.Kinesis.Client.Model;

public sealed record RegisterStreamConsumerResponse
{
    public required Consumer Consumer { get; init; }
}
