using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Orleans.Kinesis.Gateway.CloudWatch;

/// <summary>
/// Starts the aggregator, restores the archived datapoints of the last hour, writes the archive every minute (on the
/// injected clock) and once more on shutdown, and forgets series that left the retention window.
/// </summary>
public sealed partial class MetricArchiveService : IHostedService, IAsyncDisposable
{
    private readonly MetricAggregator _aggregator;
    private readonly IMetricArchive? _archive;
    private readonly MetricsOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<MetricArchiveService> _logger;
    private readonly SemaphoreSlim _saving = new(1, 1);
    private ITimer? _timer;

    public MetricArchiveService(
        MetricAggregator aggregator, IOptions<MetricsOptions> options, TimeProvider time, ILogger<MetricArchiveService> logger, IMetricArchive? archive = null)
    {
        _aggregator = aggregator;
        _archive = archive;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!_options.Enabled)
        {
            return;
        }

        if (_archive is not null)
        {
            try
            {
                if (await _archive.LoadAsync(cancellationToken) is { } document)
                {
                    var from = _aggregator.CurrentMinute - (long)_options.RestoreWindow.TotalMinutes;
                    var restored = MetricArchiveFormat.Restore(_aggregator.Store, document, from);
                    Log.Restored(_logger, restored);
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                Log.ArchiveFailed(_logger, "read", exception);
            }
        }

        _aggregator.Start();
        _timer = _time.CreateTimer(static state => _ = ((MetricArchiveService)state!).SaveAsync(), this, _options.ArchiveInterval, _options.ArchiveInterval);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_timer is null)
        {
            return;
        }

        await _timer.DisposeAsync();
        _timer = null;
        await SaveAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_timer is not null)
        {
            await _timer.DisposeAsync();
        }

        _saving.Dispose();
    }

    /// <summary>Writes the archive now (one write at a time; failures are logged and retried on the next tick).</summary>
    public async Task SaveAsync()
    {
        _aggregator.Expire();
        if (_archive is null)
        {
            return;
        }

        await _saving.WaitAsync();
        try
        {
            await _archive.SaveAsync(MetricArchiveFormat.Write(_aggregator.Store), CancellationToken.None);
        }
        catch (Exception exception)
        {
            Log.ArchiveFailed(_logger, "write", exception);
        }
        finally
        {
            _saving.Release();
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = GatewayEventIds.MetricsRestored, Level = LogLevel.Information, Message = "Restored {Datapoints} metric datapoints from the archive")]
        public static partial void Restored(ILogger logger, int datapoints);

        [LoggerMessage(EventId = GatewayEventIds.MetricArchiveFailed, Level = LogLevel.Warning, Message = "Could not {Action} the metric archive")]
        public static partial void ArchiveFailed(ILogger logger, string action, Exception exception);
    }
}
