namespace Orleans.Kinesis.Client.Model;

public sealed record SubscribeToShardRequest
{
    public required string ConsumerARN { get; init; }

    public required string ShardId { get; init; }

    public required StartingPosition StartingPosition { get; init; }
}
