using System.Globalization;
using System.Text;
using Orleans.Kinesis.Abstractions.Encryption;
using Orleans.Kinesis.Abstractions.Errors;
using Orleans.Kinesis.Abstractions.Firehose;
using Orleans.Kinesis.Abstractions.Grains;
using Orleans.Kinesis.Abstractions.Ids;
using Orleans.Kinesis.Abstractions.Records;
using Orleans.Kinesis.Storage.Logs;

namespace Orleans.Kinesis.Grains.Firehose;

/// <summary>
/// KinesisStreamAsSource: copies new records of the source stream's shards into the delivery stream's buffer log
/// and advances a per-shard checkpoint once they are durable there (a crash in between copies them again: at least
/// once). Reading starts at LATEST for the shards open at creation; a child shard of a reshard is read from its
/// start once every parent has been read to its end, so records keep their order across a split or merge.
/// </summary>
public static class KinesisSourceReader
{
    /// <summary>Flag of a buffered record whose partition key holds its source metadata (see <see cref="Metadata"/>).</summary>
    public const byte SourceMetadataFlag = 1;

    private const int MaxRecordsPerRead = 10_000;
    private const long MaxBytesPerRead = 4L * 1024 * 1024;
    private const int MaxReadsPerShard = 8;

    /// <summary>The source stream's name: the ARN's part after <c>stream/</c>.</summary>
    public static string StreamName(string streamArn) => streamArn[(streamArn.LastIndexOf('/') + 1)..];

    /// <summary>Checks the source stream and starts the checkpoints at LATEST.</summary>
    public static async Task StartAsync(IGrainFactory grains, DeliveryStreamState state, string account)
    {
        var name = StreamName(state.KinesisStreamArn!);
        var snapshot = await grains.GetGrain<IStreamGrain>(name).GetSnapshotAsync();
        if (snapshot is null || snapshot.Status is StreamStatus.Creating or StreamStatus.Deleting)
        {
            throw KinesisErrors.InvalidArgumentError($"Stream {name} under account {account} not found or not ACTIVE.");
        }

        state.SourceCreatedMs = snapshot.CreatedTimeMs;
        foreach (var shard in snapshot.Shards)
        {
            if (!shard.IsOpen)
            {
                state.SourceFinished.Add(shard.Index);
                continue;
            }

            var positions = await grains.GetGrain<IShardGrain>(StreamStorage.ShardKey(name, snapshot.CreatedTimeMs, shard.Index)).GetPositionsAsync();
            state.SourceCheckpoints[shard.Index] = positions.DurableOrdinal;
        }
    }

    /// <summary>Copies what is new; returns how many records (and bytes) were added to <paramref name="log"/>.</summary>
    public static async Task<(long Records, long Bytes, bool Changed)> PullAsync(IGrainFactory grains, DeliveryStreamState state, IRecordLog log, long nowMs, RecordDecryptor decryptor, DeliveryBufferSealer sealer)
    {
        var name = StreamName(state.KinesisStreamArn!);
        var snapshot = await grains.GetGrain<IStreamGrain>(name).GetSnapshotAsync();
        if (snapshot is null || snapshot.CreatedTimeMs != state.SourceCreatedMs)
        {
            return (0, 0, false);
        }

        var changed = false;
        long records = 0;
        long bytes = 0;
        foreach (var shard in snapshot.Shards)
        {
            if (state.SourceFinished.Contains(shard.Index) || !Startable(state, shard))
            {
                continue;
            }

            var grain = grains.GetGrain<IShardGrain>(StreamStorage.ShardKey(name, snapshot.CreatedTimeMs, shard.Index));
            for (var read = 0; read < MaxReadsPerShard; read++)
            {
                var from = state.SourceCheckpoints.GetValueOrDefault(shard.Index);
                var result = await grain.ReadAsync(from, MaxRecordsPerRead, MaxBytesPerRead);
                var batch = result.Records;
                if (batch.Count > 0)
                {
                    var entries = new RecordEntry[batch.Count];
                    var data = decryptor.Open(snapshot, shard.Index, batch.Records);
                    for (var i = 0; i < entries.Length; i++)
                    {
                        var record = batch.Records[i];
                        entries[i] = new RecordEntry(Header(shard.Index, record, snapshot.SequenceTag), data[i], SourceMetadataFlag);
                        bytes += data[i].Length;
                    }

                    // Copies of records the source stream encrypted are sealed in the buffer too, never kept in the clear.
                    var append = RecordOpener.AnyEncrypted(batch.Records, out _) ? sealer.Append(log, state.LogFolder, entries, nowMs) : log.Append(entries, nowMs);
                    await append.Durable;
                    records += entries.Length;
                }

                changed |= state.SourceCheckpoints.GetValueOrDefault(shard.Index, -1) != batch.NextOrdinal;
                state.SourceCheckpoints[shard.Index] = batch.NextOrdinal;
                if (result.Positions.EndingOrdinal is { } ending && batch.NextOrdinal >= ending)
                {
                    state.SourceFinished.Add(shard.Index);
                    state.SourceCheckpoints.Remove(shard.Index);
                    changed = true;
                    break;
                }

                if (batch.Count == 0 || batch.NextOrdinal >= result.Positions.DurableOrdinal)
                {
                    break;
                }
            }
        }

        return (records, bytes, changed);
    }

    /// <summary>The kinesisRecordMetadata of a buffered record copied from the source, or null for a direct put.</summary>
    public static KinesisRecordMetadata? Metadata(RecordView record)
    {
        if (record.Flags != SourceMetadataFlag)
        {
            return null;
        }

        var parts = Encoding.UTF8.GetString(record.PartitionKey.Span).Split('\n', 4);
        return parts.Length == 4
            ? new KinesisRecordMetadata(new ShardId(int.Parse(parts[0], CultureInfo.InvariantCulture)).ToString(), parts[3],
                long.Parse(parts[1], CultureInfo.InvariantCulture), parts[2])
            : null;
    }

    /// <summary>Shard index, arrival, sequence number and partition key, newline-separated (the key last: it may hold anything).</summary>
    private static byte[] Header(int shardIndex, RecordView record, uint sequenceTag)
    {
        var sequence = SequenceNumber.Create(shardIndex, (ulong)record.Ordinal + 1, sequenceTag);
        return Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
            $"{shardIndex}\n{record.ArrivalTimeMs}\n{sequence}\n{Encoding.UTF8.GetString(record.PartitionKey.Span)}"));
    }

    /// <summary>A shard with a checkpoint is read; a new (child) shard starts once its parents are finished.</summary>
    private static bool Startable(DeliveryStreamState state, ShardDescriptor shard)
    {
        if (state.SourceCheckpoints.ContainsKey(shard.Index))
        {
            return true;
        }

        if ((shard.ParentIndex is { } parent && !state.SourceFinished.Contains(parent))
            || (shard.AdjacentParentIndex is { } adjacent && !state.SourceFinished.Contains(adjacent)))
        {
            return false;
        }

        state.SourceCheckpoints[shard.Index] = 0;
        return true;
    }
}
