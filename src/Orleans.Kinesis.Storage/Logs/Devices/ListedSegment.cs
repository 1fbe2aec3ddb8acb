namespace Orleans.Kinesis.Storage.Logs.Devices;

/// <summary>A segment found when a log is opened: its first ordinal, its length on the device, and whether an index is stored beside it.</summary>
internal readonly record struct ListedSegment(long FirstOrdinal, long Length, bool HasIndex);
