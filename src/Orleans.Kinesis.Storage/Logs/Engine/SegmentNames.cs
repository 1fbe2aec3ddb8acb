using System.Globalization;

namespace Orleans.Kinesis.Storage.Logs.Engine;

/// <summary>
/// Names of a segment and its index on every device: the first ordinal in 20 digits, then <c>.log</c> or <c>.idx</c>
/// (<c>00000000000000000000.log</c>), in the shard's folder or under its blob prefix.
/// </summary>
internal static class SegmentNames
{
    public const string LogSuffix = ".log";
    public const string IndexSuffix = ".idx";

    public static string Stem(long firstOrdinal) => firstOrdinal.ToString("D20", CultureInfo.InvariantCulture);

    /// <summary>Parses <c>&lt;20 digits&gt;.log</c> or <c>.idx</c>.</summary>
    public static bool TryParse(ReadOnlySpan<char> name, out long firstOrdinal, out bool isIndex)
    {
        firstOrdinal = 0;
        isIndex = name.EndsWith(IndexSuffix, StringComparison.Ordinal);
        if (!isIndex && !name.EndsWith(LogSuffix, StringComparison.Ordinal))
        {
            return false;
        }

        var stem = name[..^LogSuffix.Length];
        return stem.Length == 20 && long.TryParse(stem, NumberStyles.None, CultureInfo.InvariantCulture, out firstOrdinal);
    }
}
