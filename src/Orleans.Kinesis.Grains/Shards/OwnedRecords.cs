using Orleans.Kinesis.Abstractions.Grains;
using Orleans.Kinesis.Abstractions.Records;

namespace Orleans.Kinesis.Grains.Shards;

/// <summary>
/// Copies records read from a log (whose memory may be pooled or a lease on the hot tail) into one owned array, so
/// the result can leave the grain: one copy of the bytes, one allocation for all of them.
/// </summary>
internal static class OwnedRecords
{
    public static ShardRecords Copy(RecordBatch batch)
    {
        var source = batch.Records;
        if (source.IsEmpty)
        {
            return ShardRecords.Empty(batch.NextOrdinal);
        }

        var total = 0;
        foreach (var record in source)
        {
            total += record.PartitionKey.Length + record.Data.Length;
        }

        var bytes = GC.AllocateUninitializedArray<byte>(total);
        var views = new RecordView[source.Length];
        var offset = 0;
        for (var i = 0; i < source.Length; i++)
        {
            var record = source[i];
            var key = Place(record.PartitionKey.Span, bytes, ref offset);
            var data = Place(record.Data.Span, bytes, ref offset);
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
