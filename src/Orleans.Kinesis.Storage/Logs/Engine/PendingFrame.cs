namespace Orleans.Kinesis.Storage.Logs.Engine;

/// <summary>A frame copied into the write buffer, waiting for the flusher.</summary>
internal readonly record struct PendingFrame(long FirstOrdinal, int Count, int BufferOffset, int Length, long ArrivalTimeMs);
