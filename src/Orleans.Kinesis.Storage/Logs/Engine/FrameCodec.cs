using System.Buffers.Binary;
using Orleans.Kinesis.Abstractions.Records;
using Orleans.Kinesis.Storage.IO;

namespace Orleans.Kinesis.Storage.Logs.Engine;

/// <summary>
/// The on-disk frame (little endian): <c>[u32 frame length][u32 CRC-32C of the rest][u64 first ordinal][i64 arrival ms]
/// [u32 record count]</c>, then per record <c>[u8 flags][u16 pk length][pk][u32 data length][data]</c>.
/// The frame length counts the whole frame, its own four bytes included.
/// </summary>
internal static class FrameCodec
{
    public const int HeaderLength = 28;
    public const int RecordOverhead = 7;
    private const int CrcOffset = 4;
    private const int CoveredOffset = 8;

    /// <summary>The encoded size of a frame holding <paramref name="records"/>, or -1 if a key is too long or the frame too big.</summary>
    public static long MeasureFrame(ReadOnlySpan<RecordEntry> records)
    {
        long size = HeaderLength;
        foreach (ref readonly var record in records)
        {
            if (record.PartitionKey.Length > ushort.MaxValue)
            {
                return -1;
            }

            size += RecordOverhead + record.PartitionKey.Length + record.Data.Length;
        }

        return size > int.MaxValue ? -1 : size;
    }

    /// <summary>Writes the frame into <paramref name="destination"/>, leaving the CRC to <see cref="Seal"/>.</summary>
    public static void Encode(Span<byte> destination, ReadOnlySpan<RecordEntry> records, long firstOrdinal, long arrivalTimeMs)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(destination, (uint)destination.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[CrcOffset..], 0);
        BinaryPrimitives.WriteInt64LittleEndian(destination[8..], firstOrdinal);
        BinaryPrimitives.WriteInt64LittleEndian(destination[16..], arrivalTimeMs);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[24..], (uint)records.Length);
        var position = HeaderLength;
        foreach (ref readonly var record in records)
        {
            var key = record.PartitionKey.Span;
            var data = record.Data.Span;
            destination[position] = record.Flags;
            BinaryPrimitives.WriteUInt16LittleEndian(destination[(position + 1)..], (ushort)key.Length);
            key.CopyTo(destination[(position + 3)..]);
            position += 3 + key.Length;
            BinaryPrimitives.WriteUInt32LittleEndian(destination[position..], (uint)data.Length);
            data.CopyTo(destination[(position + 4)..]);
            position += 4 + data.Length;
        }
    }

    /// <summary>Computes and stores the CRC of an encoded frame.</summary>
    public static void Seal(Span<byte> frame) =>
        BinaryPrimitives.WriteUInt32LittleEndian(frame[CrcOffset..], Crc32C.Compute(frame[CoveredOffset..]));

    public static int ReadLength(ReadOnlySpan<byte> header) => (int)Math.Min(BinaryPrimitives.ReadUInt32LittleEndian(header), int.MaxValue);

    public static long ReadFirstOrdinal(ReadOnlySpan<byte> frame) => BinaryPrimitives.ReadInt64LittleEndian(frame[8..]);

    public static long ReadArrival(ReadOnlySpan<byte> frame) => BinaryPrimitives.ReadInt64LittleEndian(frame[16..]);

    public static int ReadCount(ReadOnlySpan<byte> frame) => (int)Math.Min(BinaryPrimitives.ReadUInt32LittleEndian(frame[24..]), int.MaxValue);

    /// <summary>True when the CRC matches and the records exactly fill the frame.</summary>
    public static bool IsValid(ReadOnlySpan<byte> frame)
    {
        if (frame.Length < HeaderLength || ReadLength(frame) != frame.Length)
        {
            return false;
        }

        if (BinaryPrimitives.ReadUInt32LittleEndian(frame[CrcOffset..]) != Crc32C.Compute(frame[CoveredOffset..]))
        {
            return false;
        }

        var count = ReadCount(frame);
        if (count == 0)
        {
            return false;
        }

        var position = HeaderLength;
        for (var i = 0; i < count; i++)
        {
            if (position + 3 > frame.Length)
            {
                return false;
            }

            position += 3 + BinaryPrimitives.ReadUInt16LittleEndian(frame[(position + 1)..]);
            if (position + 4 > frame.Length)
            {
                return false;
            }

            position += 4 + (int)Math.Min(BinaryPrimitives.ReadUInt32LittleEndian(frame[position..]), int.MaxValue - 8);
            if (position > frame.Length)
            {
                return false;
            }
        }

        return position == frame.Length;
    }

    /// <summary>
    /// Parses records of the frame at <paramref name="frameOffset"/> in <paramref name="buffer"/> into
    /// <paramref name="output"/>, skipping ordinals below <paramref name="fromOrdinal"/>; stops when the output is full
    /// or the byte budget would be passed (the very first record of a read is always taken).
    /// </summary>
    public static void ReadRecords(
        byte[] buffer,
        int frameOffset,
        long fromOrdinal,
        Span<RecordView> output,
        ref int outputCount,
        ref long bytesLeft,
        out bool stopped)
    {
        var frame = buffer.AsSpan(frameOffset);
        var ordinal = ReadFirstOrdinal(frame);
        var arrival = ReadArrival(frame);
        var count = ReadCount(frame);
        var position = frameOffset + HeaderLength;
        stopped = false;
        for (var i = 0; i < count; i++, ordinal++)
        {
            var flags = buffer[position];
            int keyLength = BinaryPrimitives.ReadUInt16LittleEndian(buffer.AsSpan(position + 1));
            var keyOffset = position + 3;
            var dataLength = (int)BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(keyOffset + keyLength));
            var dataOffset = keyOffset + keyLength + 4;
            position = dataOffset + dataLength;
            if (ordinal < fromOrdinal)
            {
                continue;
            }

            long size = keyLength + dataLength;
            if (outputCount == output.Length || (outputCount > 0 && size > bytesLeft))
            {
                stopped = true;
                return;
            }

            output[outputCount++] = new RecordView(
                ordinal,
                arrival,
                new ReadOnlyMemory<byte>(buffer, keyOffset, keyLength),
                new ReadOnlyMemory<byte>(buffer, dataOffset, dataLength),
                flags);
            bytesLeft -= size;
        }
    }
}
