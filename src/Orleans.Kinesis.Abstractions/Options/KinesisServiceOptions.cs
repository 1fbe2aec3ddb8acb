namespace Orleans.Kinesis.Abstractions.Options;

/// <summary>Service-wide settings shared by the gateway and the grains.</summary>
public sealed class KinesisServiceOptions
{
    /// <summary>The region in ARNs and messages.</summary>
    public string Region { get; set; } = "us-east-1";

    /// <summary>The 12-digit account id in ARNs and messages.</summary>
    public string AccountId { get; set; } = "000000000000";

    /// <summary>How long a new stream stays CREATING before it turns ACTIVE.</summary>
    public TimeSpan CreateStreamDelay { get; set; } = TimeSpan.Zero;

    /// <summary>How long a deleted stream stays DELETING before it is gone.</summary>
    public TimeSpan DeleteStreamDelay { get; set; } = TimeSpan.Zero;

    /// <summary>How long a resharded stream (SplitShard, MergeShards, UpdateShardCount) stays UPDATING before it is ACTIVE again.</summary>
    public TimeSpan UpdateStreamDelay { get; set; } = TimeSpan.Zero;

    /// <summary>How long a registered consumer stays CREATING, and a deregistered one DELETING.</summary>
    public TimeSpan ConsumerTransitionDelay { get; set; } = TimeSpan.Zero;

    /// <summary>Consumers one stream may have registered (the service allows 20).</summary>
    public int MaxConsumersPerStream { get; set; } = 20;

    /// <summary>Consumers of one stream that may be CREATING at once (the service allows 5).</summary>
    public int MaxCreatingConsumers { get; set; } = 5;

    /// <summary>Open shards the account may have (DescribeLimits' ShardLimit).</summary>
    public int ShardLimit { get; set; } = 500;

    /// <summary>On-demand streams the account may have.</summary>
    public int OnDemandStreamLimit { get; set; } = 50;

    /// <summary>
    /// Whether per-shard throughput limits are enforced (1 MiB/s or 1,000 records/s in; 5 reads/s and 2 MiB/s out),
    /// answered with ProvisionedThroughputExceededException as on AWS. Turn off for load tests.
    /// </summary>
    public bool EnforceThroughputLimits { get; set; } = true;

    /// <summary>
    /// Longest a SubscribeToShard subscription stays open before the service ends it (AWS: 5 minutes). Behind a proxy
    /// that cuts streams at a fixed age (Azure Container Apps ingress: 240 s) set it below that limit.
    /// </summary>
    public TimeSpan SubscriptionLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// On-demand scaling: an open shard of an ON_DEMAND stream whose average write rate over this many seconds reaches
    /// <see cref="OnDemandSplitBytesPerSecond"/> or <see cref="OnDemandSplitRecordsPerSecond"/> is split in two.
    /// </summary>
    public int OnDemandSplitWindowSeconds { get; set; } = 60;

    /// <summary>The write rate (data plus partition keys) that makes an on-demand shard hot: half a shard's 1 MiB/s.</summary>
    public long OnDemandSplitBytesPerSecond { get; set; } = 512 * 1024;

    /// <summary>The record rate that makes an on-demand shard hot: half a shard's 1,000 records/s.</summary>
    public long OnDemandSplitRecordsPerSecond { get; set; } = 500;

    /// <summary>How often an active shard removes log segments older than the retention period.</summary>
    public TimeSpan RetentionTrimInterval { get; set; } = TimeSpan.FromMinutes(1);

    public string StreamArn(string streamName) => $"arn:aws:kinesis:{Region}:{AccountId}:stream/{streamName}";
}
