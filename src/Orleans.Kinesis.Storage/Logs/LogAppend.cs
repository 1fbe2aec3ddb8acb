namespace Orleans.Kinesis.Storage.Logs;

/// <summary>
/// The outcome of <see cref="IRecordLog.Append"/>: the ordinal of the first appended record (the others follow
/// contiguously) and a task that completes once all of them are durable, or faults if they never will be.
/// </summary>
public readonly record struct LogAppend(long FirstOrdinal, Task Durable)
{
    /// <summary>The error of an append refused because its first ordinal would not have been the expected one.</summary>
    internal static IOException OrdinalMoved(long expected, long actual)
        => new($"The append expected to start at ordinal {expected}, but the log is at {actual} (a failed write rolled it back); nothing was written.");
}
