using System.Globalization;
using System.Text.Json;
using Orleans.Kinesis.Abstractions.Grains;
using Orleans.Kinesis.Abstractions.Ids;
using Orleans.Kinesis.Protocol.Json;

namespace Orleans.Kinesis.Gateway.Json;

/// <summary>Writes stream metadata shapes (StreamDescription, StreamDescriptionSummary, Shard, StreamSummary).</summary>
public static class SnapshotJson
{
    public static string StatusText(StreamStatus status) => status switch
    {
        StreamStatus.Creating => "CREATING",
        StreamStatus.Active => "ACTIVE",
        StreamStatus.Updating => "UPDATING",
        _ => "DELETING",
    };

    public static string ModeText(StreamMode mode) => mode == StreamMode.OnDemand ? "ON_DEMAND" : "PROVISIONED";

    public static void WriteShard(Utf8JsonWriter writer, ShardDescriptor shard, uint sequenceTag)
    {
        writer.WriteStartObject();
        writer.WriteString("ShardId"u8, shard.ShardId.ToString());
        if (shard.ParentIndex is { } parent)
        {
            writer.WriteString("ParentShardId"u8, new ShardId(parent).ToString());
        }

        if (shard.AdjacentParentIndex is { } adjacent)
        {
            writer.WriteString("AdjacentParentShardId"u8, new ShardId(adjacent).ToString());
        }

        writer.WriteStartObject("HashKeyRange"u8);
        WriteUInt128(writer, "StartingHashKey"u8, shard.HashKeyRange.Start);
        WriteUInt128(writer, "EndingHashKey"u8, shard.HashKeyRange.End);
        writer.WriteEndObject();
        writer.WriteStartObject("SequenceNumberRange"u8);
        writer.WriteString("StartingSequenceNumber"u8, SequenceNumber.Create(shard.Index, 0, sequenceTag).ToString());
        if (shard.EndingOrdinal is { } ending)
        {
            writer.WriteString("EndingSequenceNumber"u8, SequenceNumber.Create(shard.Index, (ulong)ending, sequenceTag).ToString());
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    public static bool HasChildren(StreamSnapshot snapshot, int parentIndex)
    {
        foreach (var shard in snapshot.Shards)
        {
            if (shard.ParentIndex == parentIndex || shard.AdjacentParentIndex == parentIndex)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>ChildShards of a closed shard: every shard with it as parent or adjacent parent, in index order.</summary>
    public static void WriteChildShards(Utf8JsonWriter writer, StreamSnapshot snapshot, int parentIndex)
    {
        writer.WriteStartArray("ChildShards"u8);
        foreach (var shard in snapshot.Shards)
        {
            if (shard.ParentIndex != parentIndex && shard.AdjacentParentIndex != parentIndex)
            {
                continue;
            }

            writer.WriteStartObject();
            writer.WriteString("ShardId"u8, shard.ShardId.ToString());
            writer.WriteStartArray("ParentShards"u8);
            if (shard.ParentIndex is { } parent)
            {
                writer.WriteStringValue(new ShardId(parent).ToString());
            }

            if (shard.AdjacentParentIndex is { } adjacent)
            {
                writer.WriteStringValue(new ShardId(adjacent).ToString());
            }

            writer.WriteEndArray();
            writer.WriteStartObject("HashKeyRange"u8);
            WriteUInt128(writer, "StartingHashKey"u8, shard.HashKeyRange.Start);
            WriteUInt128(writer, "EndingHashKey"u8, shard.HashKeyRange.End);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    public static void WriteCommonMetadata(Utf8JsonWriter writer, StreamSnapshot snapshot)
    {
        writer.WriteString("StreamName"u8, snapshot.StreamName);
        writer.WriteString("StreamARN"u8, snapshot.StreamArn);
        writer.WriteString("StreamStatus"u8, StatusText(snapshot.Status));
        writer.WriteStartObject("StreamModeDetails"u8);
        writer.WriteString("StreamMode"u8, ModeText(snapshot.Mode));
        writer.WriteEndObject();
        writer.WriteNumber("RetentionPeriodHours"u8, snapshot.RetentionPeriodHours);
        writer.WriteEpochSeconds("StreamCreationTimestamp"u8, snapshot.CreatedTimeMs);
        writer.WriteStartArray("EnhancedMonitoring"u8);
        writer.WriteStartObject();
        writer.WriteStartArray("ShardLevelMetrics"u8);
        foreach (var metric in snapshot.ShardLevelMetrics)
        {
            writer.WriteStringValue(metric);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.WriteEndArray();
        writer.WriteString("EncryptionType"u8, snapshot.EncryptionType);
        if (snapshot.KeyId is not null)
        {
            writer.WriteString("KeyId"u8, snapshot.KeyId);
        }
    }

    public static void WriteStreamSummary(Utf8JsonWriter writer, StreamSnapshot snapshot)
    {
        writer.WriteStartObject();
        writer.WriteString("StreamName"u8, snapshot.StreamName);
        writer.WriteString("StreamARN"u8, snapshot.StreamArn);
        writer.WriteString("StreamStatus"u8, StatusText(snapshot.Status));
        writer.WriteStartObject("StreamModeDetails"u8);
        writer.WriteString("StreamMode"u8, ModeText(snapshot.Mode));
        writer.WriteEndObject();
        writer.WriteEpochSeconds("StreamCreationTimestamp"u8, snapshot.CreatedTimeMs);
        writer.WriteEndObject();
    }

    private static void WriteUInt128(Utf8JsonWriter writer, ReadOnlySpan<byte> name, UInt128 value)
    {
        Span<byte> buffer = stackalloc byte[40];
        value.TryFormat(buffer, out var written, default, CultureInfo.InvariantCulture);
        writer.WriteString(name, buffer[..written]);
    }
}
