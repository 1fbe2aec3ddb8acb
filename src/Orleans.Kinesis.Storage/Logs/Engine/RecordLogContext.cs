using Microsoft.Extensions.Logging;
using Orleans.Kinesis.Storage.Diagnostics;
using Orleans.Kinesis.Storage.IO;
using Orleans.Kinesis.Storage.Logs.Devices;

namespace Orleans.Kinesis.Storage.Logs.Engine;

/// <summary>
/// What a <see cref="RecordLog"/> needs from its store. <see cref="Flushes"/> runs the flusher of a device whose
/// writes block (files); without it the flusher runs on the thread pool (blobs, whose writes are asynchronous).
/// </summary>
internal sealed record RecordLogContext(
    string Key,
    ISegmentStore Store,
    long SegmentMaxBytes,
    long HotTailBytes,
    HotTailBudget HotTailBudget,
    ILogger Logger,
    StorageInstruments Instruments,
    TimeProvider TimeProvider,
    FlushScheduler? Flushes,
    OpenLogs OpenLogs);
