using Orleans.Kinesis.Abstractions.Records;

namespace Orleans.Kinesis.Abstractions.Grains;

/// <summary>
/// Records to append to one shard, in order. Their memory belongs to this batch alone (never a slice of a pooled
/// request buffer): the caller builds it and does not touch it again, so a shard may read it after the caller
/// stopped waiting, and Orleans passes it on without copying the record bytes.
/// </summary>
[GenerateSerializer, Immutable, Alias("kinesis.ShardAppend")]
public sealed record ShardAppend(RecordEntry[] Records)
{
    /// <summary>
    /// When the stream encrypts (<see cref="StreamSnapshot.EncryptionKeySlot"/> ≥ 0): the slot of the key the shard
    /// seals the records with, at the sequence numbers it gives them. -1: stored as they are.
    /// </summary>
    [Id(1)]
    public int EncryptionKeySlot { get; init; } = -1;

    /// <summary>The KMS key (canonical ARN) of <see cref="EncryptionKeySlot"/>, or null.</summary>
    [Id(2)]
    public string? EncryptionKeyArn { get; init; }

    /// <summary>An append of <paramref name="records"/> sealed as the stream of <paramref name="snapshot"/> currently encrypts.</summary>
    public static ShardAppend For(StreamSnapshot snapshot, RecordEntry[] records)
        => snapshot.EncryptionKeySlot < 0
            ? new ShardAppend(records)
            : new ShardAppend(records) { EncryptionKeySlot = snapshot.EncryptionKeySlot, EncryptionKeyArn = snapshot.EncryptionKeys[snapshot.EncryptionKeySlot] };
}
