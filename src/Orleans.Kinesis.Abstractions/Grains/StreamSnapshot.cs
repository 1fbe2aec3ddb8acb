namespace Orleans.Kinesis.Abstractions.Grains;

/// <summary>
/// An immutable view of a stream's metadata and shard map. <see cref="CreatedTimeMs"/> identifies the incarnation
/// (a re-created stream of the same name has a different one); <see cref="Version"/> grows with every change.
/// </summary>
[GenerateSerializer, Immutable, Alias("kinesis.StreamSnapshot")]
public sealed record StreamSnapshot(
    string StreamName,
    string StreamArn,
    StreamStatus Status,
    StreamMode Mode,
    long CreatedTimeMs,
    uint SequenceTag,
    int RetentionPeriodHours,
    int MaxRecordSizeKiB,
    string EncryptionType,
    string? KeyId,
    IReadOnlyList<ShardDescriptor> Shards,
    IReadOnlyDictionary<string, string> Tags,
    IReadOnlyList<string> ShardLevelMetrics,
    long Version)
{
    /// <summary>The folder of this incarnation's shard logs.</summary>
    public string StorageFolder => StreamStorage.Folder(StreamName, CreatedTimeMs);

    /// <summary>The registered consumers (any status), sorted by name.</summary>
    [Id(14)]
    public IReadOnlyList<ConsumerSnapshot> Consumers { get; init; } = [];

    /// <summary>
    /// Every KMS key (canonical ARN) the stream has encrypted records with; an encrypted record names its key by its
    /// position in this list (its slot). Only grows.
    /// </summary>
    [Id(15)]
    public IReadOnlyList<string> EncryptionKeys { get; init; } = [];

    /// <summary>The slot in <see cref="EncryptionKeys"/> new records are encrypted with, or -1 when encryption is off.</summary>
    [Id(16)]
    public int EncryptionKeySlot { get; init; } = -1;

    /// <summary>The on-demand warm throughput requested (MiB/s), or null.</summary>
    [Id(17)]
    public int? WarmThroughputMiBps { get; init; }

    public ConsumerSnapshot? FindConsumer(string consumerName)
    {
        foreach (var consumer in Consumers)
        {
            if (string.Equals(consumer.ConsumerName, consumerName, StringComparison.Ordinal))
            {
                return consumer;
            }
        }

        return null;
    }

    public ShardDescriptor? FindShard(int index)
    {
        foreach (var shard in Shards)
        {
            if (shard.Index == index)
            {
                return shard;
            }
        }

        return null;
    }
}
