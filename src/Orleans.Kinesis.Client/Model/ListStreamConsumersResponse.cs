namespace Orleans.Kinesis.Client.Model;

public sealed record ListStreamConsumersResponse
{
    public List<Consumer> Consumers { get; init; } = [];

    public string? NextToken { get; init; }
}
