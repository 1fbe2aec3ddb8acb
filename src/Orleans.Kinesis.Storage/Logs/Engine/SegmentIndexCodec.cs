using System.Buffers.Binary;
using Orleans.Kinesis.Storage.IO;

namespace Orleans.Kinesis.Storage.Logs.Engine;

/// <summary>
/// The index stored beside a sealed segment, so opening a log reads one small object per segment instead of the
/// segment: <c>[u32 magic "OKIX"][u32 version 1][i64 valid length][u32 frame count]</c>, one 32-byte entry per frame
/// <c>[i64 first ordinal][i64 offset][i64 arrival ms][i32 count][i32 length]</c>, then a CRC-32C of everything
/// before it. Indexes written by the earlier blob log (<c>"OKI1"</c>: CRC after the magic, entries
/// <c>[i64 first ordinal][i32 count][i64 offset][i32 length][i64 arrival ms]</c>) are still read.
/// </summary>
internal static class SegmentIndexCodec
{
    private const uint Magic = 0x5849_4B4F; // "OKIX"
    private const uint LegacyBlobMagic = 0x3149_4B4F; // "OKI1"
    private const int Version = 1;
    private const int HeaderLength = 20;
    private const int EntryLength = 32;

    public static byte[] Encode(long length, ReadOnlySpan<FrameEntry> frames)
    {
        var content = new byte[HeaderLength + (frames.Length * EntryLength) + 4];
        BinaryPrimitives.WriteUInt32LittleEndian(content, Magic);
        BinaryPrimitives.WriteInt32LittleEndian(content.AsSpan(4), Version);
        BinaryPrimitives.WriteInt64LittleEndian(content.AsSpan(8), length);
        BinaryPrimitives.WriteInt32LittleEndian(content.AsSpan(16), frames.Length);
        var position = HeaderLength;
        foreach (ref readonly var frame in frames)
        {
            var entry = content.AsSpan(position);
            BinaryPrimitives.WriteInt64LittleEndian(entry, frame.FirstOrdinal);
            BinaryPrimitives.WriteInt64LittleEndian(entry[8..], frame.Offset);
            BinaryPrimitives.WriteInt64LittleEndian(entry[16..], frame.ArrivalTimeMs);
            BinaryPrimitives.WriteInt32LittleEndian(entry[24..], frame.Count);
            BinaryPrimitives.WriteInt32LittleEndian(entry[28..], frame.Length);
            position += EntryLength;
        }

        BinaryPrimitives.WriteUInt32LittleEndian(content.AsSpan(position), Crc32C.Compute(content.AsSpan(0, position)));
        return content;
    }

    /// <summary>
    /// Reads an intact index into <paramref name="frames"/> when its frames are contiguous from
    /// <paramref name="firstOrdinal"/> and its valid length matches the device: equal to it when
    /// <paramref name="exactLength"/> (files), else at most it (an append blob may hold a torn tail past the valid end).
    /// </summary>
    public static bool TryDecode(ReadOnlySpan<byte> content, long firstOrdinal, long deviceLength, bool exactLength, List<ScannedFrame> frames)
    {
        frames.Clear();
        if (content.Length < HeaderLength)
        {
            return false;
        }

        var magic = BinaryPrimitives.ReadUInt32LittleEndian(content);
        var legacy = magic == LegacyBlobMagic;
        if (!legacy && (magic != Magic || BinaryPrimitives.ReadInt32LittleEndian(content[4..]) != Version))
        {
            return false;
        }

        var validLength = BinaryPrimitives.ReadInt64LittleEndian(content[8..]);
        var count = BinaryPrimitives.ReadInt32LittleEndian(content[16..]);
        var entriesEnd = HeaderLength + ((long)count * EntryLength);
        if (count < 0 || content.Length != entriesEnd + (legacy ? 0 : 4)
            || (legacy ? BinaryPrimitives.ReadUInt32LittleEndian(content[4..]) != Crc32C.Compute(content[8..])
                : BinaryPrimitives.ReadUInt32LittleEndian(content[(int)entriesEnd..]) != Crc32C.Compute(content[..(int)entriesEnd]))
            || (exactLength ? validLength != deviceLength : validLength > deviceLength))
        {
            return false;
        }

        long expectedOrdinal = firstOrdinal, expectedOffset = 0;
        for (var position = HeaderLength; position < entriesEnd; position += EntryLength)
        {
            var frame = legacy ? ReadLegacyEntry(content[position..]) : ReadEntry(content[position..]);
            if (frame.FirstOrdinal != expectedOrdinal || frame.Offset != expectedOffset || frame.Count <= 0 || frame.Length < FrameCodec.HeaderLength)
            {
                frames.Clear();
                return false;
            }

            frames.Add(frame);
            expectedOrdinal += frame.Count;
            expectedOffset += frame.Length;
        }

        if (expectedOffset != validLength)
        {
            frames.Clear();
            return false;
        }

        return true;
    }

    private static ScannedFrame ReadEntry(ReadOnlySpan<byte> entry) => new(
        BinaryPrimitives.ReadInt64LittleEndian(entry),
        BinaryPrimitives.ReadInt32LittleEndian(entry[24..]),
        BinaryPrimitives.ReadInt64LittleEndian(entry[8..]),
        BinaryPrimitives.ReadInt32LittleEndian(entry[28..]),
        BinaryPrimitives.ReadInt64LittleEndian(entry[16..]));

    private static ScannedFrame ReadLegacyEntry(ReadOnlySpan<byte> entry) => new(
        BinaryPrimitives.ReadInt64LittleEndian(entry),
        BinaryPrimitives.ReadInt32LittleEndian(entry[8..]),
        BinaryPrimitives.ReadInt64LittleEndian(entry[12..]),
        BinaryPrimitives.ReadInt32LittleEndian(entry[20..]),
        BinaryPrimitives.ReadInt64LittleEndian(entry[24..]));
}
