namespace Orleans.Kinesis.Client.Model;

/// <summary>Names a consumer by ARN, or by stream ARN and consumer name.</summary>
public sealed record ConsumerRequest
{
    public string? StreamARN { get; init; }

    public string? ConsumerName { get; init; }

    public string? ConsumerARN { get; init; }
}
