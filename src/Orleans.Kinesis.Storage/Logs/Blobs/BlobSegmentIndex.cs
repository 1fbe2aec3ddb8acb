using System.Buffers.Binary;
using Orleans.Kinesis.Storage.IO;

namespace Orleans.Kinesis.Storage.Logs.Blobs;

/// <summary>
/// The persisted index of a sealed segment, so opening a log reads one small blob per segment instead of the
/// segment: <c>[u32 magic][u32 crc32c of the rest][i64 valid length][u32 frame count]</c> then per frame
/// <c>[i64 first ordinal][i32 count][i64 offset][i32 length][i64 arrival ms]</c>.
/// </summary>
internal static class BlobSegmentIndex
{
    private const uint Magic = 0x3149_4B4F; // "OKI1"
    private const int HeaderLength = 20;
    private const int EntryLength = 32;

    public static byte[] Encode(BlobSegment segment)
    {
        var buffer = new byte[HeaderLength + (segment.Frames.Count * EntryLength)];
        BinaryPrimitives.WriteUInt32LittleEndian(buffer, Magic);
        BinaryPrimitives.WriteInt64LittleEndian(buffer.AsSpan(8), segment.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(buffer.AsSpan(16), (uint)segment.Frames.Count);
        var position = HeaderLength;
        foreach (var frame in segment.Frames)
        {
            var entry = buffer.AsSpan(position);
            BinaryPrimitives.WriteInt64LittleEndian(entry, frame.FirstOrdinal);
            BinaryPrimitives.WriteInt32LittleEndian(entry[8..], frame.Count);
            BinaryPrimitives.WriteInt64LittleEndian(entry[12..], frame.Offset);
            BinaryPrimitives.WriteInt32LittleEndian(entry[20..], frame.Length);
            BinaryPrimitives.WriteInt64LittleEndian(entry[24..], frame.ArrivalTimeMs);
            position += EntryLength;
        }

        BinaryPrimitives.WriteUInt32LittleEndian(buffer.AsSpan(4), Crc32C.Compute(buffer.AsSpan(8)));
        return buffer;
    }

    /// <summary>Loads the frames into <paramref name="segment"/>; false when the index is damaged (the segment is scanned instead).</summary>
    public static bool TryDecode(ReadOnlySpan<byte> buffer, BlobSegment segment, long previousMaxArrival)
    {
        if (buffer.Length < HeaderLength || BinaryPrimitives.ReadUInt32LittleEndian(buffer) != Magic
            || BinaryPrimitives.ReadUInt32LittleEndian(buffer[4..]) != Crc32C.Compute(buffer[8..]))
        {
            return false;
        }

        var count = (int)BinaryPrimitives.ReadUInt32LittleEndian(buffer[16..]);
        if (buffer.Length != HeaderLength + ((long)count * EntryLength))
        {
            return false;
        }

        segment.Frames.Clear();
        var maxArrival = previousMaxArrival;
        for (var i = 0; i < count; i++)
        {
            var entry = buffer[(HeaderLength + (i * EntryLength))..];
            var arrival = BinaryPrimitives.ReadInt64LittleEndian(entry[24..]);
            maxArrival = Math.Max(maxArrival, arrival);
            segment.Frames.Add(new BlobFrame(
                BinaryPrimitives.ReadInt64LittleEndian(entry),
                BinaryPrimitives.ReadInt32LittleEndian(entry[8..]),
                BinaryPrimitives.ReadInt64LittleEndian(entry[12..]),
                BinaryPrimitives.ReadInt32LittleEndian(entry[20..]),
                arrival,
                maxArrival,
                null,
                0));
        }

        segment.Length = BinaryPrimitives.ReadInt64LittleEndian(buffer[8..]);
        segment.IsSealed = true;
        return true;
    }
}
