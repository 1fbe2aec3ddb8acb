using Microsoft.Extensions.Logging;
using Orleans.Kinesis.Storage.Diagnostics;
using Orleans.Kinesis.Storage.IO;

namespace Orleans.Kinesis.Storage.Logs.Files;

/// <summary>
/// Opens a shard log folder: sealed segments are indexed from their <c>.idx</c> files (rescanned and the index
/// rewritten when it is missing or does not match), the last segment is scanned frame by frame and truncated at
/// the first torn or corrupt frame.
/// </summary>
internal static partial class FileRecordLogRecovery
{
    public static FileRecordLog Open(LogContext context)
    {
        var directory = context.Directory;
        if (!System.IO.Directory.Exists(directory))
        {
            System.IO.Directory.CreateDirectory(directory);
            DirectorySync.Flush(Path.GetDirectoryName(directory)!);
        }

        var ordinals = new List<long>();
        foreach (var file in System.IO.Directory.EnumerateFiles(directory))
        {
            var name = Path.GetFileName(file);
            if (name.EndsWith(".tmp", StringComparison.Ordinal))
            {
                File.Delete(file);
            }
            else if (name.EndsWith(LogSegment.LogExtension, StringComparison.Ordinal) && LogSegment.TryParseFileName(name, out var ordinal))
            {
                ordinals.Add(ordinal);
            }
        }

        ordinals.Sort();
        var segments = new List<LogSegment>(ordinals.Count + 1);
        var index = new FrameIndex();
        var scanned = new List<ScannedFrame>();
        long nextOrdinal = -1, lastArrival = 0;
        try
        {
            for (var i = 0; i < ordinals.Count; i++)
            {
                var isLast = i == ordinals.Count - 1;
                var handle = File.OpenHandle(
                    Path.Combine(directory, LogSegment.FileName(ordinals[i]) + LogSegment.LogExtension),
                    FileMode.Open,
                    FileAccess.ReadWrite,
                    FileShare.ReadWrite | FileShare.Delete);
                var fileLength = RandomAccess.GetLength(handle);
                var segment = new LogSegment(directory, ordinals[i], handle, fileLength);
                segments.Add(segment);
                if (nextOrdinal >= 0 && segment.FirstOrdinal != nextOrdinal)
                {
                    throw new InvalidDataException($"Log segment '{segment.LogPath}' should start at ordinal {nextOrdinal}.");
                }

                var fromIndexFile = !isLast && SegmentIndexFile.TryRead(segment, scanned);
                if (!fromIndexFile)
                {
                    var valid = SegmentScanner.Scan(segment, fileLength, scanned);
                    if (valid < fileLength)
                    {
                        if (!isLast)
                        {
                            throw new InvalidDataException($"Sealed log segment '{segment.LogPath}' is corrupt at offset {valid}.");
                        }

                        RandomAccess.SetLength(handle, valid);
                        RandomAccess.FlushToDisk(handle);
                        Log.TruncatedTail(context.Logger, segment.LogPath, valid, fileLength - valid);
                    }
                }

                segment.Length = 0;
                foreach (var frame in scanned)
                {
                    index.Add(frame.FirstOrdinal, frame.Count, segment, frame.Offset, frame.Length, frame.ArrivalTimeMs);
                    segment.AddFrame(frame.ArrivalTimeMs, frame.Length);
                    lastArrival = frame.ArrivalTimeMs;
                }

                nextOrdinal = scanned.Count > 0 ? scanned[^1].FirstOrdinal + scanned[^1].Count : segment.FirstOrdinal;
                if (!isLast)
                {
                    segment.IsSealed = true;
                    if (!fromIndexFile)
                    {
                        SegmentIndexFile.Write(segment, LastFrames(index, segment.FrameCount));
                        Log.IndexRebuilt(context.Logger, segment.IndexPath);
                    }
                }
            }

            if (segments.Count == 0)
            {
                segments.Add(CreateSegment(directory, 0));
                nextOrdinal = 0;
            }
        }
        catch
        {
            foreach (var segment in segments)
            {
                segment.Handle.Dispose();
            }

            throw;
        }

        Log.Recovered(context.Logger, directory, segments.Count, segments[0].FirstOrdinal, nextOrdinal);
        return new FileRecordLog(context, segments, index, nextOrdinal, lastArrival);
    }

    /// <summary>Creates an empty segment file and makes its directory entry durable.</summary>
    public static LogSegment CreateSegment(string directory, long firstOrdinal)
    {
        var path = Path.Combine(directory, LogSegment.FileName(firstOrdinal) + LogSegment.LogExtension);
        var handle = File.OpenHandle(path, FileMode.Create, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
        try
        {
            DirectorySync.Flush(directory);
        }
        catch
        {
            handle.Dispose();
            throw;
        }

        return new LogSegment(directory, firstOrdinal, handle, 0);
    }

    private static FrameEntry[] LastFrames(FrameIndex index, int count)
    {
        var frames = new FrameEntry[count];
        for (var i = 0; i < count; i++)
        {
            frames[i] = index[index.Count - count + i];
        }

        return frames;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = StorageEventIds.LogRecovered, Level = LogLevel.Debug, Message = "Opened log {Directory}: {SegmentCount} segments, ordinals {FirstOrdinal} to {NextOrdinal}.")]
        public static partial void Recovered(ILogger logger, string directory, int segmentCount, long firstOrdinal, long nextOrdinal);

        [LoggerMessage(EventId = StorageEventIds.LogTruncatedTail, Level = LogLevel.Warning, Message = "Log segment {Path} had a torn or corrupt tail: truncated to {Length} bytes, {DroppedBytes} bytes dropped.")]
        public static partial void TruncatedTail(ILogger logger, string path, long length, long droppedBytes);

        [LoggerMessage(EventId = StorageEventIds.LogIndexRebuilt, Level = LogLevel.Information, Message = "Rebuilt missing or stale segment index {Path}.")]
        public static partial void IndexRebuilt(ILogger logger, string path);
    }
}
