using System.Globalization;
using Microsoft.Win32.SafeHandles;

namespace Orleans.Kinesis.Storage.Logs.Files;

/// <summary>One segment file of a shard log, named by the ordinal of its first record.</summary>
internal sealed class LogSegment
{
    public const string LogExtension = ".log";
    public const string IndexExtension = ".idx";

    public LogSegment(string directory, long firstOrdinal, SafeFileHandle handle, long length)
    {
        FirstOrdinal = firstOrdinal;
        LogPath = Path.Combine(directory, FileName(firstOrdinal) + LogExtension);
        IndexPath = Path.Combine(directory, FileName(firstOrdinal) + IndexExtension);
        Handle = handle;
        Length = length;
        MaxArrivalTimeMs = long.MinValue;
    }

    public long FirstOrdinal { get; }

    public string LogPath { get; }

    public string IndexPath { get; }

    /// <summary>Open for reading (and writing while active); disposed when trimmed or when the log closes.</summary>
    public SafeFileHandle Handle { get; }

    /// <summary>Bytes of durable frames in the file (the write position of the active segment).</summary>
    public long Length { get; set; }

    public int FrameCount { get; set; }

    public long MaxArrivalTimeMs { get; set; }

    public bool IsSealed { get; set; }

    public static string FileName(long firstOrdinal) => firstOrdinal.ToString("D20", CultureInfo.InvariantCulture);

    public static bool TryParseFileName(string fileName, out long firstOrdinal)
    {
        var stem = Path.GetFileNameWithoutExtension(fileName);
        firstOrdinal = 0;
        return stem.Length == 20 && long.TryParse(stem, NumberStyles.None, CultureInfo.InvariantCulture, out firstOrdinal);
    }

    public void AddFrame(long arrivalTimeMs, int length)
    {
        FrameCount++;
        Length += length;
        MaxArrivalTimeMs = Math.Max(MaxArrivalTimeMs, arrivalTimeMs);
    }
}
