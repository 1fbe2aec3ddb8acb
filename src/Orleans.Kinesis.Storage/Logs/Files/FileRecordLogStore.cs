using System.Diagnostics.Metrics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Kinesis.Storage.Diagnostics;
using Orleans.Kinesis.Storage.IO;
using Orleans.Kinesis.Storage.Logs.Engine;
using Orleans.Kinesis.Storage.Options;

namespace Orleans.Kinesis.Storage.Logs.Files;

/// <summary>
/// Shard logs under <c>&lt;data&gt;/streams/&lt;streamFolder&gt;/shardId-000000000000/</c>. A log can be open once at a
/// time: opening it again before the previous instance is disposed throws. Disposing the store (at host shutdown)
/// flushes and closes the logs still open.
/// </summary>
public sealed class FileRecordLogStore : IRecordLogStore, IAsyncDisposable
{
    private readonly string _root;
    private readonly FileStorageOptions _options;
    private readonly ILogger _logger;
    private readonly StorageInstruments _instruments;
    private readonly TimeProvider _timeProvider;
    private readonly ILogFileIo _io;
    private readonly OpenLogs _open = new();
    private readonly HotTailBudget _hotTailBudget;
    private readonly FlushScheduler _flushes = new(FlushScheduler.DefaultThreadCount);

    public FileRecordLogStore(IOptions<FileStorageOptions> options, ILogger<FileRecordLogStore> logger, IMeterFactory meterFactory, TimeProvider timeProvider, HotTailBudget? hotTailBudget = null)
        : this(options.Value, logger, new StorageInstruments(meterFactory), timeProvider, LogFileIo.Instance, hotTailBudget)
    {
    }

    internal FileRecordLogStore(FileStorageOptions options, ILogger logger, StorageInstruments instruments, TimeProvider timeProvider, ILogFileIo io, HotTailBudget? hotTailBudget = null)
    {
        _hotTailBudget = hotTailBudget ?? new HotTailBudget(HotTailBudget.DefaultCapacityBytes);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.SegmentMaxBytes, FrameCodec.HeaderLength);
        ArgumentOutOfRangeException.ThrowIfNegative(options.HotTailBytes);
        _options = options;
        _root = Path.Combine(Path.GetFullPath(options.DataDirectory), "streams");
        _logger = logger;
        _instruments = instruments;
        _timeProvider = timeProvider;
        _io = io;
    }

    public async ValueTask<IRecordLog> OpenAsync(string streamFolder, int shardIndex, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ArgumentOutOfRangeException.ThrowIfNegative(shardIndex);
        var directory = Path.Combine(StreamDirectory(streamFolder), "shardId-" + shardIndex.ToString("D12", CultureInfo.InvariantCulture));
        _open.Reserve(directory);
        try
        {
            DirectorySync.CreateDirectory(Path.GetDirectoryName(directory)!); // a new stream folder is flushed into streams/
            var context = new RecordLogContext(
                directory, new FileSegmentStore(directory, _io, _options.SegmentMaxBytes), _options.SegmentMaxBytes, _options.HotTailBytes, _hotTailBudget, _logger, _instruments, _timeProvider, _flushes, _open);
            var log = await RecordLogRecovery.OpenAsync(context, cancellationToken).ConfigureAwait(false);
            _open.Opened(directory, log);
            return log;
        }
        catch
        {
            _open.Remove(directory);
            throw;
        }
    }

    public Task DeleteStreamAsync(string streamFolder, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var directory = StreamDirectory(streamFolder);
        if (System.IO.Directory.Exists(directory))
        {
            System.IO.Directory.Delete(directory, recursive: true);
            DirectorySync.Flush(_root);
        }

        return Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await _open.DisposeAllAsync().ConfigureAwait(false);
        _flushes.Dispose();
    }

    private string StreamDirectory(string streamFolder)
    {
        if (string.IsNullOrEmpty(streamFolder) || streamFolder is "." or ".."
            || streamFolder.AsSpan().IndexOfAny(Path.GetInvalidFileNameChars()) >= 0
            || streamFolder.Contains('/', StringComparison.Ordinal) || streamFolder.Contains('\\', StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{streamFolder}' is not a valid stream folder name.", nameof(streamFolder));
        }

        return Path.Combine(_root, streamFolder);
    }
}
