namespace Orleans.Kinesis.Client.Model;

public sealed record DescribeLimitsResponse
{
    public int ShardLimit { get; init; }

    public int OpenShardCount { get; init; }

    public int OnDemandStreamCount { get; init; }

    public int OnDemandStreamCountLimit { get; init; }
}
