using System.Diagnostics.Metrics;
using System.Globalization;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Kinesis.Storage.Blobs;
using Orleans.Kinesis.Storage.Diagnostics;
using Orleans.Kinesis.Storage.Logs.Engine;
using Orleans.Kinesis.Storage.Logs.Fencing;
using Orleans.Kinesis.Storage.Options;

namespace Orleans.Kinesis.Storage.Logs.Blobs;

/// <summary>
/// Shard logs as append blobs under <c>streams/&lt;streamFolder&gt;/shardId-000000000000/</c>. A log is open once per
/// process, and its writer lease keeps other hosts out. Disposing the store flushes and closes the logs still open.
/// </summary>
public sealed class BlobRecordLogStore : IRecordLogStore, IAsyncDisposable
{
    private readonly BlobContainer _container;
    private readonly BlobStorageOptions _options;
    private readonly ILogger _logger;
    private readonly StorageInstruments _instruments;
    private readonly TimeProvider _timeProvider;
    private readonly ILogOwnerLiveness _liveness;
    private readonly HotTailBudget _hotTailBudget;
    private readonly OpenLogs _open = new();

    public BlobRecordLogStore(BlobContainer container, IOptions<BlobStorageOptions> options, ILogger<BlobRecordLogStore> logger, IMeterFactory meterFactory, TimeProvider timeProvider, ILogOwnerLiveness? liveness = null, HotTailBudget? hotTailBudget = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Value.SegmentMaxBytes, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Value.MaxBlockBytes, 1);
        _container = container;
        _options = options.Value;
        _logger = logger;
        _instruments = new StorageInstruments(meterFactory);
        _timeProvider = timeProvider;
        _liveness = liveness ?? new LocalProcessLiveness();
        _hotTailBudget = hotTailBudget ?? new HotTailBudget(HotTailBudget.DefaultCapacityBytes);
    }

    /// <summary>
    /// The clock of the writer leases: real time by default, since a lease lapses on the storage service's clock
    /// whatever time the product simulates; tests replace it to let a lease lapse without waiting.
    /// </summary>
    internal TimeProvider LeaseClock { get; init; } = TimeProvider.System;

    public async ValueTask<IRecordLog> OpenAsync(string streamFolder, int shardIndex, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(shardIndex);
        var prefix = StreamPrefix(streamFolder) + "shardId-" + shardIndex.ToString("D12", CultureInfo.InvariantCulture) + "/";
        _open.Reserve(prefix);
        try
        {
            var device = new BlobSegmentStore(_container, prefix, _options, _liveness, LeaseClock);
            var context = new RecordLogContext(prefix, device, _options.SegmentMaxBytes, _options.HotTailBytes, _hotTailBudget, _logger, _instruments, _timeProvider, null, _open);
            var log = await RecordLogRecovery.OpenAsync(context, cancellationToken).ConfigureAwait(false);
            _open.Opened(prefix, log);
            return log;
        }
        catch
        {
            _open.Remove(prefix);
            throw;
        }
    }

    public async Task DeleteStreamAsync(string streamFolder, CancellationToken cancellationToken)
    {
        await _container.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var client = _container.Client;
        await foreach (var item in client.GetBlobsAsync(new GetBlobsOptions { Prefix = StreamPrefix(streamFolder) }, cancellationToken).ConfigureAwait(false))
        {
            // A lease left by a writer that died is broken first.
            await BlobRanges.DeleteAsync(client.GetBlobClient(item.Name), cancellationToken).ConfigureAwait(false);
        }
    }

    public ValueTask DisposeAsync() => _open.DisposeAllAsync();

    private static string StreamPrefix(string streamFolder)
    {
        if (string.IsNullOrEmpty(streamFolder) || streamFolder is "." or ".." || streamFolder.Contains('/', StringComparison.Ordinal) || streamFolder.Contains('\\', StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{streamFolder}' is not a valid stream folder name.", nameof(streamFolder));
        }

        return "streams/" + streamFolder + "/";
    }
}
