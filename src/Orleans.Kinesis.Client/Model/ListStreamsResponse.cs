namespace Orleans.Kinesis.Client.Model;

public sealed record ListStreamsResponse
{
    public List<string> StreamNames { get; init; } = [];

    public bool HasMoreStreams { get; init; }

    public string? NextToken { get; init; }

    public List<StreamSummary>? StreamSummaries { get; init; }
}
