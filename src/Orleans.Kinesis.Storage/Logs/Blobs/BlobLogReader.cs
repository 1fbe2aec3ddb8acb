using Orleans.Kinesis.Abstractions.Records;
using Orleans.Kinesis.Storage.Blobs;
using Orleans.Kinesis.Storage.Logs.Files;

namespace Orleans.Kinesis.Storage.Logs.Blobs;

/// <summary>Reads planned frames: from the hot tail when they are still there, else one ranged download per run of consecutive frames.</summary>
internal static class BlobLogReader
{
    public static async ValueTask<RecordBatch> ReadAsync(BlobRecordLog log, long fromOrdinal, int maxRecords, long maxBytes, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxRecords);
        var plan = log.PlanRead(ref fromOrdinal, maxRecords, maxBytes);
        if (plan.Count == 0)
        {
            return RecordBatch.Empty(fromOrdinal);
        }

        long planned = 0;
        foreach (var (_, frame, _) in plan)
        {
            planned += frame.EndOrdinal - Math.Max(fromOrdinal, frame.FirstOrdinal);
        }

        var output = new RecordView[(int)Math.Min(planned, maxRecords)];
        var count = 0;
        var bytesLeft = maxBytes;
        var i = 0;
        while (i < plan.Count)
        {
            var (segment, frame, hot) = plan[i];
            bool stopped;
            if (hot is not null)
            {
                FrameCodec.ReadRecords(hot, frame.HotOffset, fromOrdinal, output, ref count, ref bytesLeft, out stopped);
                i++;
            }
            else
            {
                var j = i + 1;
                while (j < plan.Count && plan[j].Hot is null && ReferenceEquals(plan[j].Segment, segment)
                    && plan[j].Frame.Offset == plan[j - 1].Frame.Offset + plan[j - 1].Frame.Length)
                {
                    j++;
                }

                var last = plan[j - 1].Frame;
                var length = last.Offset + last.Length - frame.Offset;
                var container = log.Container;
                var download = await BlobRanges.DownloadAsync(container.Client.GetBlobClient(segment.BlobName), frame.Offset, length, cancellationToken).ConfigureAwait(false)
                    ?? throw new InvalidDataException($"The log segment '{segment.BlobName}' is missing.");
                if (download.Length != length)
                {
                    throw new InvalidDataException($"The log segment '{segment.BlobName}' ended before offset {frame.Offset + length}.");
                }

                stopped = SegmentReader.ParseFrames(download, 0, (int)length, verify: true, fromOrdinal, output, ref count, ref bytesLeft);
                i = j;
            }

            if (stopped || count == output.Length)
            {
                break;
            }
        }

        var next = count > 0 ? output[count - 1].Ordinal + 1 : fromOrdinal;
        return new RecordBatch(output, count, next, null);
    }
}
