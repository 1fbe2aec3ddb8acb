using System.Globalization;

namespace Orleans.Kinesis.Storage.Logs.Blobs;

/// <summary>One append blob of a shard log, named by the ordinal of its first record, with its durable frames.</summary>
internal sealed class BlobSegment(string prefix, long firstOrdinal)
{
    public const string LogSuffix = ".log";
    public const string IndexSuffix = ".idx";

    public long FirstOrdinal { get; } = firstOrdinal;

    public string BlobName { get; } = prefix + FileName(firstOrdinal) + LogSuffix;

    public string IndexName { get; } = prefix + FileName(firstOrdinal) + IndexSuffix;

    public List<BlobFrame> Frames { get; } = [];

    /// <summary>Bytes of valid frames; what follows in the blob (a torn tail) is ignored.</summary>
    public long Length { get; set; }

    /// <summary>Append Blocks committed to the blob (known for the active segment).</summary>
    public int BlockCount { get; set; }

    public bool IsSealed { get; set; }

    public long EndOrdinal => Frames.Count > 0 ? Frames[^1].EndOrdinal : FirstOrdinal;

    public long MaxArrivalTimeMs => Frames.Count > 0 ? Frames[^1].MaxArrivalTimeMs : long.MinValue;

    public static string FileName(long firstOrdinal) => firstOrdinal.ToString("D20", CultureInfo.InvariantCulture);

    public static bool TryParse(string name, string prefix, out long firstOrdinal, out bool isIndex)
    {
        firstOrdinal = 0;
        isIndex = name.EndsWith(IndexSuffix, StringComparison.Ordinal);
        if (!name.StartsWith(prefix, StringComparison.Ordinal) || !(isIndex || name.EndsWith(LogSuffix, StringComparison.Ordinal)))
        {
            return false;
        }

        var stem = name.AsSpan(prefix.Length, name.Length - prefix.Length - LogSuffix.Length);
        return stem.Length == 20 && long.TryParse(stem, NumberStyles.None, CultureInfo.InvariantCulture, out firstOrdinal);
    }

    /// <summary>Index of the frame holding <paramref name="ordinal"/>, or -1.</summary>
    public int FindFrame(long ordinal)
    {
        int low = 0, high = Frames.Count - 1;
        while (low <= high)
        {
            var middle = low + ((high - low) >> 1);
            var frame = Frames[middle];
            if (ordinal < frame.FirstOrdinal)
            {
                high = middle - 1;
            }
            else if (ordinal >= frame.EndOrdinal)
            {
                low = middle + 1;
            }
            else
            {
                return middle;
            }
        }

        return -1;
    }
}
