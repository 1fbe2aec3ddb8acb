using System.Globalization;
using Orleans.Kinesis.Abstractions.Grains;
using Orleans.Kinesis.Abstractions.Ids;
using Orleans.Kinesis.Abstractions.Options;

namespace Orleans.Kinesis.Grains.Streams;

/// <summary>Builds immutable snapshots from the persisted stream state.</summary>
internal static class StreamSnapshots
{
    public static ShardDescriptor Describe(ShardRecord shard)
        => new(
            shard.Index,
            new HashKeyRange(
                UInt128.Parse(shard.StartingHashKey, CultureInfo.InvariantCulture),
                UInt128.Parse(shard.EndingHashKey, CultureInfo.InvariantCulture)),
            shard.ParentIndex,
            shard.AdjacentParentIndex,
            shard.CreatedTimeMs,
            shard.EndingOrdinal)
        {
            ClosedTimeMs = shard.ClosedTimeMs,
        };

    public static StreamSnapshot From(StreamState state, KinesisServiceOptions options)
    {
        var shards = new ShardDescriptor[state.Shards.Count];
        for (var i = 0; i < shards.Length; i++)
        {
            shards[i] = Describe(state.Shards[i]);
        }

        var consumers = new ConsumerSnapshot[state.Consumers.Count];
        for (var i = 0; i < consumers.Length; i++)
        {
            consumers[i] = StreamConsumers.Snapshot(state.Consumers[i]);
        }

        Array.Sort(consumers, static (a, b) => string.CompareOrdinal(a.ConsumerName, b.ConsumerName));
        return new StreamSnapshot(
            state.Name,
            options.StreamArn(state.Name),
            Enum.Parse<StreamStatus>(state.Status),
            Enum.Parse<StreamMode>(state.Mode),
            state.CreatedTimeMs,
            SequenceNumber.ComputeStreamTag(state.Name, state.CreatedTimeMs),
            state.RetentionPeriodHours,
            state.MaxRecordSizeKiB,
            state.EncryptionType,
            state.KeyId,
            shards,
            new Dictionary<string, string>(state.Tags, StringComparer.Ordinal),
            [.. state.ShardLevelMetrics],
            state.Version)
        {
            Consumers = consumers,
            EncryptionKeys = [.. state.EncryptionKeys],
            EncryptionKeySlot = state.EncryptionKeySlot,
            WarmThroughputMiBps = state.WarmThroughputMiBps,
        };
    }
}
