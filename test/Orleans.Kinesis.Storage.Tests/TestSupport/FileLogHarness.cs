using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Kinesis.Storage.Diagnostics;
using Orleans.Kinesis.Storage.Logs;
using Orleans.Kinesis.Storage.Logs.Files;
using Orleans.Kinesis.Storage.Options;

namespace Orleans.Kinesis.Storage.Tests.TestSupport;

/// <summary>Builds file log stores over one temp folder, optionally with a test I/O seam.</summary>
internal sealed class FileLogHarness : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly TempDirectory _directory = new();

    public string DataDirectory => _directory.Path;

    public StorageInstruments Instruments => new(_services.GetRequiredService<IMeterFactory>());

    public FileRecordLogStore CreateStore(long segmentMaxBytes, long hotTailBytes, ILogFileIo? io = null, HotTailBudget? budget = null) =>
        new(
            new FileStorageOptions { DataDirectory = _directory.Path, SegmentMaxBytes = segmentMaxBytes, HotTailBytes = hotTailBytes },
            NullLogger.Instance,
            Instruments,
            TimeProvider.System,
            io ?? LogFileIo.Instance,
            budget);

    public string ShardDirectory(string stream, int shard) =>
        Path.Combine(_directory.Path, "streams", stream, "shardId-" + shard.ToString("D12", System.Globalization.CultureInfo.InvariantCulture));

    public void Dispose()
    {
        _services.Dispose();
        _directory.Dispose();
    }
}
