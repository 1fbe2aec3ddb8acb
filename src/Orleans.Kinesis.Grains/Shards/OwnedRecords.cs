using Orleans.Kinesis.Abstractions.Grains;
using Orleans.Kinesis.Abstractions.Records;

namespace Orleans.Kinesis.Grains.Shards;

/// <summary>
/// Copies records read from a log (whose memory may be pooled or a lease on the hot tail) into owned arrays, so the
/// result can leave the grain: one copy of the bytes, into chunks below the large-object threshold (85,000 bytes).
/// One array for a whole 10 MiB GetRecords page would land on the large-object heap, which only a gen-2 collection
/// reclaims; chunks die young in gen 0. Only a record longer than a chunk gets an array of its own.
/// </summary>
internal static class OwnedRecords
{
    public const int ChunkBytes = 64 * 1024;

    public static ShardRecords Copy(RecordBatch batch)
    {
        var source = batch.Records;
        if (source.IsEmpty)
        {
            return ShardRecords.Empty(batch.NextOrdinal);
        }

        long remaining = 0;
        foreach (var record in source)
        {
            remaining += record.PartitionKey.Length + record.Data.Length;
        }

        var chunk = Array.Empty<byte>();
        var used = 0;
        var views = new RecordView[source.Length];
        for (var i = 0; i < source.Length; i++)
        {
            var record = source[i];
            var size = record.PartitionKey.Length + record.Data.Length;
            if (chunk.Length - used < size)
            {
                chunk = GC.AllocateUninitializedArray<byte>(size > ChunkBytes ? size : (int)Math.Min(remaining, ChunkBytes));
                used = 0;
            }

            var key = Place(record.PartitionKey.Span, chunk, ref used);
            var data = Place(record.Data.Span, chunk, ref used);
            remaining -= size;
            views[i] = new RecordView(record.Ordinal, record.ArrivalTimeMs, key, data, record.Flags);
        }

        return new ShardRecords(views, batch.NextOrdinal);
    }

    private static ReadOnlyMemory<byte> Place(ReadOnlySpan<byte> source, byte[] destination, ref int offset)
    {
        source.CopyTo(destination.AsSpan(offset));
        var placed = new ReadOnlyMemory<byte>(destination, offset, source.Length);
        offset += source.Length;
        return placed;
    }
}
