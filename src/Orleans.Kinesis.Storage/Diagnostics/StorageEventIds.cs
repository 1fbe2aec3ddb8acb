namespace Orleans.Kinesis.Storage.Diagnostics;

/// <summary>Event ids of the storage provider's log messages (range 3000–3099).</summary>
internal static class StorageEventIds
{
    public const int StateEtagConflict = 3000;
    public const int LogRecovered = 3010;
    public const int LogTruncatedTail = 3011;
    public const int LogIndexRebuilt = 3012;
    public const int LogSegmentSealed = 3013;
    public const int LogSegmentsTrimmed = 3014;
    public const int LogFlushFailed = 3015;
    public const int LogZerosCut = 3016;
}
