using Orleans.Kinesis.Storage.IO;
using Orleans.Kinesis.Storage.Logs.Devices;
using Orleans.Kinesis.Storage.Logs.Engine;

namespace Orleans.Kinesis.Storage.Logs.Files;

/// <summary>
/// A shard log's folder: <c>&lt;first ordinal&gt;.log</c> segment files with <c>.idx</c> indexes beside the sealed
/// ones. Every create, rename and delete is followed by an fsync of the folder. Segments can be truncated.
/// </summary>
internal sealed class FileSegmentStore(string directory, ILogFileIo io, long segmentMaxBytes) : ISegmentStore
{
    public string Name => directory;

    public bool CanTruncate => true;

    public int MaxAppendBytes => int.MaxValue;

    public Exception? Refusal() => null;

    public ValueTask<List<ListedSegment>> OpenAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        DirectorySync.CreateDirectory(directory);
        var logs = new SortedSet<long>();
        var indexes = new HashSet<long>();
        foreach (var file in Directory.EnumerateFiles(directory))
        {
            var name = Path.GetFileName(file);
            if (name.EndsWith(".tmp", StringComparison.Ordinal))
            {
                File.Delete(file);
            }
            else if (SegmentNames.TryParse(name, out var first, out var isIndex))
            {
                _ = isIndex ? indexes.Add(first) : logs.Add(first);
            }
        }

        var listed = new List<ListedSegment>(logs.Count);
        foreach (var first in logs)
        {
            listed.Add(new ListedSegment(first, -1, indexes.Contains(first)));
        }

        return ValueTask.FromResult(listed);
    }

    public ValueTask<ISegmentDevice> OpenSegmentAsync(ListedSegment listed, bool forWriting, CancellationToken cancellationToken) =>
        ValueTask.FromResult<ISegmentDevice>(Open(listed.FirstOrdinal, FileMode.Open));

    public ValueTask<ISegmentDevice> CreateSegmentAsync(long firstOrdinal, CancellationToken cancellationToken)
    {
        var segment = Open(firstOrdinal, FileMode.Create);
        try
        {
            DirectorySync.Flush(directory);
        }
        catch
        {
            segment.Dispose();
            throw;
        }

        return ValueTask.FromResult<ISegmentDevice>(segment);
    }

    public ValueTask<byte[]?> ReadIndexAsync(long firstOrdinal, CancellationToken cancellationToken) =>
        ValueTask.FromResult(ReadIndex(IndexPath(firstOrdinal)));

    /// <summary>Writes the index beside the segment through a flushed temporary file and a rename.</summary>
    public ValueTask WriteIndexAsync(long firstOrdinal, byte[] content, CancellationToken cancellationToken)
    {
        WriteIndex(IndexPath(firstOrdinal), content);
        return ValueTask.CompletedTask;
    }

    public ValueTask DeleteSegmentsAsync(IReadOnlyList<ISegmentDevice> segments, CancellationToken cancellationToken)
    {
        foreach (var segment in segments)
        {
            segment.Dispose();
            File.Delete(IndexPath(segment.FirstOrdinal));
            File.Delete(segment.Name);
        }

        DirectorySync.Flush(directory);
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private FileSegmentDevice Open(long firstOrdinal, FileMode mode)
    {
        var path = Path.Combine(directory, SegmentNames.Stem(firstOrdinal) + SegmentNames.LogSuffix);
        var handle = File.OpenHandle(path, mode, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
        try
        {
            return new FileSegmentDevice(path, firstOrdinal, handle, io, segmentMaxBytes);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    private static byte[]? ReadIndex(string path)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }

    private static void WriteIndex(string path, byte[] content)
    {
        var temp = path + ".tmp";
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 0))
        {
            stream.Write(content);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temp, path, overwrite: true);
    }

    private string IndexPath(long firstOrdinal) => Path.Combine(directory, SegmentNames.Stem(firstOrdinal) + SegmentNames.IndexSuffix);
}
