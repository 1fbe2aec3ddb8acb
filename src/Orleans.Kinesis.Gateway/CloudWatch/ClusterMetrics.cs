using Microsoft.Extensions.Logging;

namespace Orleans.Kinesis.Gateway.CloudWatch;

/// <summary>
/// The cluster's metrics as a query sees them: this node's live series and every other node's last archived ones
/// (each node writes its own document to the shared store every <see cref="MetricsOptions.ArchiveInterval"/> and on
/// shutdown). The other nodes' documents are read at most every <see cref="RefreshInterval"/>; statistics of the
/// same series on several nodes are merged (sums and counts add, minimum and maximum, distributions).
/// </summary>
public sealed partial class ClusterMetrics : IDisposable
{
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(10);

    private readonly MetricAggregator _local;
    private readonly IMetricArchive? _archive;
    private readonly TimeProvider _time;
    private readonly ILogger<ClusterMetrics> _logger;
    private readonly SemaphoreSlim _loading = new(1, 1);
    private MetricStore[] _others = [];
    private long _loadedAt = long.MinValue;

    public ClusterMetrics(MetricAggregator local, TimeProvider time, ILogger<ClusterMetrics> logger, IMetricArchive? archive = null)
    {
        _local = local;
        _archive = archive;
        _time = time;
        _logger = logger;
    }

    /// <summary>The current minute on the injected clock.</summary>
    public long CurrentMinute => _local.CurrentMinute;

    /// <summary>
    /// This node's store first, then one per other node with datapoints in the retention window; the document of a
    /// node with none (stopped longer ago than the retention) is deleted.
    /// </summary>
    internal async Task<IReadOnlyList<MetricStore>> StoresAsync(CancellationToken cancellationToken)
    {
        if (_archive is null)
        {
            return [_local.Store];
        }

        if (Stale())
        {
            await _loading.WaitAsync(cancellationToken);
            try
            {
                if (Stale())
                {
                    _others = await LoadOthersAsync(cancellationToken);
                    Volatile.Write(ref _loadedAt, _time.GetTimestamp());
                }
            }
            finally
            {
                _loading.Release();
            }
        }

        return [_local.Store, .. _others];
    }

    public void Dispose() => _loading.Dispose();

    private bool Stale()
    {
        var loadedAt = Volatile.Read(ref _loadedAt);
        return loadedAt == long.MinValue || _time.GetElapsedTime(loadedAt) >= RefreshInterval;
    }

    private async Task<MetricStore[]> LoadOthersAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<KeyValuePair<string, byte[]>> documents;
        try
        {
            documents = await _archive!.LoadOtherNodesAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            Log.OtherNodesFailed(_logger, exception);
            return _others; // the last ones read, rather than none
        }

        var from = _local.CurrentMinute - _local.RetentionMinutes;
        var stores = new List<MetricStore>(documents.Count);
        foreach (var (node, document) in documents)
        {
            var store = new MetricStore(_local.RetentionMinutes);
            try
            {
                if (MetricArchiveFormat.Restore(store, document, from) > 0)
                {
                    stores.Add(store);
                }
                else
                {
                    await DeleteAsync(node, cancellationToken);
                }
            }
            catch (Exception exception) when (exception is System.Text.Json.JsonException or InvalidOperationException or KeyNotFoundException or FormatException)
            {
                Log.OtherNodesFailed(_logger, exception);
            }
        }

        return [.. stores];
    }

    /// <summary>Deletes a node's expired document; a failure only means it is read again next time.</summary>
    private async Task DeleteAsync(string node, CancellationToken cancellationToken)
    {
        try
        {
            await _archive!.DeleteOtherNodeAsync(node, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            Log.OtherNodesFailed(_logger, exception);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = GatewayEventIds.OtherNodesMetricsFailed, Level = LogLevel.Warning, Message = "Could not read the other nodes' metric archives")]
        public static partial void OtherNodesFailed(ILogger logger, Exception exception);
    }
}
