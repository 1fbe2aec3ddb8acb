using Microsoft.Extensions.Logging;
using Orleans.Kinesis.Storage.Diagnostics;

namespace Orleans.Kinesis.Storage.Logs.Files;

/// <summary>What a <see cref="FileRecordLog"/> needs from its store.</summary>
internal sealed record LogContext(
    string Directory,
    long SegmentMaxBytes,
    long HotTailBytes,
    HotTailBudget HotTailBudget,
    ILogFileIo Io,
    ILogger Logger,
    StorageInstruments Instruments,
    TimeProvider TimeProvider,
    IO.FlushScheduler Flushes,
    Action<FileRecordLog> OnDisposed);
