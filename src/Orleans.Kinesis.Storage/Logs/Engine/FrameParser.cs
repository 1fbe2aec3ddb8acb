using Orleans.Kinesis.Abstractions.Records;

namespace Orleans.Kinesis.Storage.Logs.Engine;

/// <summary>Parses runs of frames read from a segment or the hot tail into record views.</summary>
internal static class FrameParser
{
    /// <summary>Parses the frames of a piece; true when the read is complete (output full or byte budget reached).</summary>
    public static bool ParseFrames(byte[] buffer, int offset, int length, bool verify, long fromOrdinal, Span<RecordView> output, ref int count, ref long bytesLeft)
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
