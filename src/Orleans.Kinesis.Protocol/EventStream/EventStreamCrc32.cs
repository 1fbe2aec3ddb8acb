namespace Orleans.Kinesis.Protocol.EventStream;

/// <summary>
/// CRC-32 as zlib and the event-stream framing compute it: reflected polynomial 0xEDB88320, initial value and final
/// XOR 0xFFFFFFFF. Table driven, one byte at a time (messages are small; the table stays in cache).
/// </summary>
public static class EventStreamCrc32
{
    private static readonly uint[] Table = BuildTable();

    /// <summary>The CRC of <paramref name="data"/>.</summary>
    public static uint Compute(ReadOnlySpan<byte> data) => Append(0, data);

    /// <summary>Continues <paramref name="crc"/> (the CRC of the bytes so far) over <paramref name="data"/>.</summary>
    public static uint Append(uint crc, ReadOnlySpan<byte> data)
    {
        var table = Table;
        var value = ~crc;
        foreach (var b in data)
        {
            value = table[(byte)(value ^ b)] ^ (value >> 8);
        }

        return ~value;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint i = 0; i < 256; i++)
        {
            var entry = i;
            for (var bit = 0; bit < 8; bit++)
            {
                entry = (entry & 1) != 0 ? 0xEDB88320u ^ (entry >> 1) : entry >> 1;
            }

            table[i] = entry;
        }

        return table;
    }
}
