namespace Orleans.Kinesis.Storage.Logs.Engine;

/// <summary>A frame found while recovering a segment (from its index file or by scanning it).</summary>
internal readonly record struct ScannedFrame(long FirstOrdinal, int Count, long Offset, int Length, long ArrivalTimeMs);
