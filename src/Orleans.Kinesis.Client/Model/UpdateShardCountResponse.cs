namespace Orleans.Kinesis.Client.Model;

public sealed record UpdateShardCountResponse
{
    public string? StreamName { get; init; }

    public string? StreamARN { get; init; }

    public int? CurrentShardCount { get; init; }

    public int? TargetShardCount { get; init; }
}
