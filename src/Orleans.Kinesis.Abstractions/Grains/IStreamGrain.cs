using Orleans.Concurrency;

namespace Orleans.Kinesis.Abstractions.Grains;

/// <summary>A stream's metadata and shard map. Key: the stream name. Off the data path.</summary>
[Alias("kinesis.IStreamGrain")]
public interface IStreamGrain : IGrainWithStringKey
{
    /// <summary>Creates the stream (CREATING, then ACTIVE once its shards exist); RIU if it exists.</summary>
    Task CreateAsync(CreateStreamCommand command);

    /// <summary>Starts deleting the stream (DELETING, then gone); RNF if it does not exist.</summary>
    Task DeleteAsync(bool enforceConsumerDeletion);

    /// <summary>Adds or overwrites tags (at most 50 in all); RIU while CREATING.</summary>
    Task AddTagsAsync(IReadOnlyDictionary<string, string> tags);

    /// <summary>Removes tags; missing keys are ignored.</summary>
    Task RemoveTagsAsync(IReadOnlyList<string> tagKeys);

    /// <summary>Sets the retention period: <paramref name="increase"/> says which API asked, for its checks and messages.</summary>
    Task SetRetentionPeriodAsync(int hours, bool increase);

    /// <summary>Switches the capacity mode (ACTIVE streams only; at most two switches per rolling 24 hours).</summary>
    Task UpdateStreamModeAsync(StreamMode mode);

    /// <summary>Sets the largest record (data plus partition key) the stream accepts, in KiB (1024–10240).</summary>
    Task SetMaxRecordSizeAsync(int kib);

    /// <summary>Turns shard-level metrics on or off; returns the metrics before and after.</summary>
    Task<MetricsChange> ChangeShardLevelMetricsAsync(IReadOnlyList<string> metrics, bool enable);

    /// <summary>
    /// Registers a consumer (CREATING, then ACTIVE); RIU for a duplicate name or a stream that is not ACTIVE/UPDATING,
    /// LE beyond the per-stream limits.
    /// </summary>
    Task<ConsumerSnapshot> RegisterConsumerAsync(string consumerName, IReadOnlyDictionary<string, string>? tags);

    /// <summary>
    /// Starts deregistering a consumer (DELETING, then removed); RNF when no consumer has this name or, when
    /// <paramref name="consumerArn"/> is given, this ARN.
    /// </summary>
    Task DeregisterConsumerAsync(string consumerName, string? consumerArn);

    /// <summary>Adds or overwrites a consumer's tags (at most 50 in all); RNF for an unknown consumer ARN.</summary>
    Task AddConsumerTagsAsync(string consumerArn, IReadOnlyDictionary<string, string> tags);

    /// <summary>Removes a consumer's tags; missing keys are ignored; RNF for an unknown consumer ARN.</summary>
    Task RemoveConsumerTagsAsync(string consumerArn, IReadOnlyList<string> tagKeys);

    /// <summary>
    /// Splits an open shard at <paramref name="newStartingHashKey"/> into two children (UPDATING, then ACTIVE); RNF for an
    /// unknown shard, IA when the key is not strictly inside the shard's range, V for an ON_DEMAND stream, RIU when
    /// the stream is not ACTIVE.
    /// </summary>
    Task SplitShardAsync(int shardIndex, UInt128 newStartingHashKey);

    /// <summary>
    /// Merges two open shards with adjacent ranges into one child whose parent is <paramref name="shardIndex"/> and
    /// adjacent parent <paramref name="adjacentShardIndex"/>; errors as for <see cref="SplitShardAsync"/>.
    /// </summary>
    Task MergeShardsAsync(int shardIndex, int adjacentShardIndex);

    /// <summary>
    /// UNIFORM_SCALING: splits and merges open shards until exactly <paramref name="targetShardCount"/> open shards
    /// with even ranges remain; returns the open shard count before. LE outside [½×, 2×] of the current count, above
    /// 10,000 shards, or after 10 scaling operations in a rolling 24 hours.
    /// </summary>
    Task<int> UpdateShardCountAsync(int targetShardCount);

    /// <summary>
    /// StartStreamEncryption: records written from now on are encrypted under <paramref name="keyArn"/> (the canonical
    /// ARN of the KMS key <paramref name="keyId"/> names); UPDATING, then ACTIVE. RIU unless ACTIVE; LE after 25
    /// encryption changes in a rolling 24 hours.
    /// </summary>
    Task StartEncryptionAsync(string keyId, string keyArn);

    /// <summary>StopStreamEncryption: records written from now on are stored in the clear; errors as for <see cref="StartEncryptionAsync"/>.</summary>
    Task StopEncryptionAsync();

    /// <summary>
    /// A shard reports that its sustained write rate passed the on-demand threshold: an ACTIVE ON_DEMAND stream splits
    /// it at the middle of its hash key range (UPDATING, then ACTIVE); otherwise nothing happens.
    /// </summary>
    Task ReportHotShardAsync(int shardIndex);

    /// <summary>
    /// UpdateStreamWarmThroughput: records the target (MiB/s) of an ON_DEMAND stream and splits its widest open shards
    /// until every MiB/s of it has a shard (1 MiB/s of writes each); UPDATING, then ACTIVE. Returns the open shard
    /// count after. RIU unless ACTIVE; IA for a PROVISIONED stream.
    /// </summary>
    Task<int> SetWarmThroughputAsync(int targetMiBps);

    /// <summary>
    /// The snapshot once any change in progress (such as a reshard) is done: unlike <see cref="GetSnapshotAsync"/>
    /// this call queues behind the grain's current turn. Null when the stream does not exist.
    /// </summary>
    Task<StreamSnapshot?> GetSettledSnapshotAsync();

    /// <summary>The current snapshot, or null when the stream does not exist.</summary>
    [AlwaysInterleave]
    Task<StreamSnapshot?> GetSnapshotAsync();
}
