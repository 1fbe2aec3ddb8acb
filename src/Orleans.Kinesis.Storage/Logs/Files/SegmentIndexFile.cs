using System.Buffers.Binary;
using Orleans.Kinesis.Storage.IO;

namespace Orleans.Kinesis.Storage.Logs.Files;

/// <summary>
/// The <c>.idx</c> file of a sealed segment: <c>[u32 magic][u32 version][i64 segment length][u32 frame count]</c>,
/// one 32-byte entry per frame <c>[i64 first ordinal][i64 offset][i64 arrival ms][i32 count][i32 length]</c>,
/// then a CRC-32C of everything before it. Written once when the segment is sealed, replaced atomically.
/// </summary>
internal static class SegmentIndexFile
{
    private const uint Magic = 0x5849_4B4F; // "OKIX"
    private const int Version = 1;
    private const int HeaderLength = 20;
    private const int EntryLength = 32;

    public static void Write(LogSegment segment, ReadOnlySpan<FrameEntry> frames)
    {
        var content = new byte[HeaderLength + (frames.Length * EntryLength) + 4];
        BinaryPrimitives.WriteUInt32LittleEndian(content, Magic);
        BinaryPrimitives.WriteInt32LittleEndian(content.AsSpan(4), Version);
        BinaryPrimitives.WriteInt64LittleEndian(content.AsSpan(8), segment.Length);
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
        var temp = segment.IndexPath + ".tmp";
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 0))
        {
            stream.Write(content);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temp, segment.IndexPath, overwrite: true);
    }

    /// <summary>
    /// Reads the index of <paramref name="segment"/> into <paramref name="frames"/> when it is intact, matches the
    /// segment's file length and describes contiguous frames starting at the segment's first ordinal.
    /// </summary>
    public static bool TryRead(LogSegment segment, List<ScannedFrame> frames)
    {
        byte[] content;
        try
        {
            content = File.ReadAllBytes(segment.IndexPath);
        }
        catch (FileNotFoundException)
        {
            return false;
        }

        if (content.Length < HeaderLength + 4
            || BinaryPrimitives.ReadUInt32LittleEndian(content) != Magic
            || BinaryPrimitives.ReadInt32LittleEndian(content.AsSpan(4)) != Version
            || BinaryPrimitives.ReadInt64LittleEndian(content.AsSpan(8)) != segment.Length)
        {
            return false;
        }

        var count = BinaryPrimitives.ReadInt32LittleEndian(content.AsSpan(16));
        if (count < 0 || content.Length != HeaderLength + ((long)count * EntryLength) + 4)
        {
            return false;
        }

        var crcPosition = content.Length - 4;
        if (BinaryPrimitives.ReadUInt32LittleEndian(content.AsSpan(crcPosition)) != Crc32C.Compute(content.AsSpan(0, crcPosition)))
        {
            return false;
        }

        frames.Clear();
        long expectedOrdinal = segment.FirstOrdinal, expectedOffset = 0;
        for (var position = HeaderLength; position < crcPosition; position += EntryLength)
        {
            var entry = content.AsSpan(position);
            var frame = new ScannedFrame(
                BinaryPrimitives.ReadInt64LittleEndian(entry),
                BinaryPrimitives.ReadInt32LittleEndian(entry[24..]),
                BinaryPrimitives.ReadInt64LittleEndian(entry[8..]),
                BinaryPrimitives.ReadInt32LittleEndian(entry[28..]),
                BinaryPrimitives.ReadInt64LittleEndian(entry[16..]));
            if (frame.FirstOrdinal != expectedOrdinal || frame.Offset != expectedOffset || frame.Count <= 0 || frame.Length < FrameCodec.HeaderLength)
            {
                return false;
            }

            frames.Add(frame);
            expectedOrdinal += frame.Count;
            expectedOffset += frame.Length;
        }

        return expectedOffset == segment.Length;
    }
}
