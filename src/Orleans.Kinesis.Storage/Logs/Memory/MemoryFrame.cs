using Orleans.Kinesis.Abstractions.Records;

namespace Orleans.Kinesis.Storage.Logs.Memory;

/// <summary>An append held in memory: every record's key and data in one block, with (key, data) offsets per record.</summary>
internal sealed record MemoryFrame(long FirstOrdinal, long ArrivalTimeMs, long MaxArrivalTimeMs, byte[] Block, int[] KeyOffsets, int[] DataOffsets, byte[] Flags)
{
    public int Count => Flags.Length;

    public long EndOrdinal => FirstOrdinal + Count;

    public RecordView View(int index)
    {
        var keyOffset = KeyOffsets[index];
        var dataOffset = DataOffsets[index];
        var end = index + 1 < Count ? KeyOffsets[index + 1] : Block.Length;
        return new RecordView(
            FirstOrdinal + index,
            ArrivalTimeMs,
            new ReadOnlyMemory<byte>(Block, keyOffset, dataOffset - keyOffset),
            new ReadOnlyMemory<byte>(Block, dataOffset, end - dataOffset),
            Flags[index]);
    }
}
