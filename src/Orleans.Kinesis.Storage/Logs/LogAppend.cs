namespace Orleans.Kinesis.Storage.Logs;

/// <summary>
/// The outcome of <see cref="IRecordLog.Append"/>: the ordinal of the first appended record (the others follow
/// contiguously) and a task that completes once all of them are durable, or faults if they never will be.
/// </summary>
public readonly record struct LogAppend(long FirstOrdinal, Task Durable);
