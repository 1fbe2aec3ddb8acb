using System.Buffers;

using Orleans.Kinesis.Abstractions.Records;

namespace Orleans.Kinesis.Storage.Logs.Files;

/// <summary>Reads planned frame ranges of a log and parses them into record views.</summary>
internal static class SegmentReader
{
    /// <summary>Reads the piece's byte range of its segment into a buffer rented from the shared pool.</summary>
    public static byte[] ReadPiece(ReadPiece piece)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(piece.Length);
        try
        {
            var destination = buffer.AsSpan(0, piece.Length);
            var offset = piece.SegmentOffset;
            while (!destination.IsEmpty)
            {
                var read = RandomAccess.Read(piece.Segment!.Handle, destination, offset);
                if (read <= 0)
                {
                    throw new InvalidDataException($"Segment '{piece.Segment.LogPath}' ended before offset {offset}.");
                }

                destination = destination[read..];
                offset += read;
            }
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }

        return buffer;
    }

    /// <summary>Parses the frames of a piece; true when the read is complete (output full or byte budget reached).</summary>
    public static bool ParseFrames(byte[] buffer, int offset, int length, bool verify, long fromOrdinal, RecordView[] output, ref int count, ref long bytesLeft)
    {
        var end = offset + length;
        while (offset < end)
        {
            var frameLength = FrameCodec.ReadLength(buffer.AsSpan(offset));
            if (verify && !FrameCodec.IsValid(buffer.AsSpan(offset, Math.Min(frameLength, end - offset))))
            {
                throw new InvalidDataException($"A log frame failed its checksum (ordinal {FrameCodec.ReadFirstOrdinal(buffer.AsSpan(offset))}).");
            }

            FrameCodec.ReadRecords(buffer, offset, fromOrdinal, output, ref count, ref bytesLeft, out var stopped);
            if (stopped || count == output.Length)
            {
                return true;
            }

            offset += frameLength;
        }

        return false;
    }
}
