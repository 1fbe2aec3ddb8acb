using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Kinesis.Client.Consumer.Leases;
using Orleans.Kinesis.Client.Model;

namespace Orleans.Kinesis.Client.Consumer;

/// <summary>
/// A KCL-style worker (hosted service): keeps leases in an <see cref="ILeaseStore"/> (shard sync, renewal, taking
/// and stealing to balance, spec b.4–b.5) and runs one <see cref="IRecordProcessor"/> per held shard.
/// </summary>
public sealed partial class StreamProcessor : BackgroundService
{
    private readonly KinesisClient _client;
    private readonly ILeaseStore _store;
    private readonly Func<IRecordProcessor> _processorFactory;
    private readonly StreamProcessorOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, (ShardConsumer Consumer, Task Run)> _consumers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (long Counter, long ChangedAt)> _observed = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _wake = new(0);
    private volatile bool _crashed;
    private volatile bool _syncSoon;
    private string? _consumerArn;

    public StreamProcessor(KinesisClient client, ILeaseStore store, Func<IRecordProcessor> processorFactory, StreamProcessorOptions options, ILogger<StreamProcessor>? logger = null, TimeProvider? time = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(options.StreamName);
        _client = client;
        _store = store;
        _processorFactory = processorFactory;
        _options = options;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _time = time ?? TimeProvider.System;
    }

    public string WorkerId => _options.WorkerId;

    /// <summary>The shards whose leases this worker holds and processes now.</summary>
    public IReadOnlyCollection<string> HeldShards => [.. _consumers.Keys.Order(StringComparer.Ordinal)];

    /// <summary>Raised when this worker takes or loses a lease (tests and dashboards await it).</summary>
    public event EventHandler? LeasesChanged;

    /// <summary>Stops every shard at once without callbacks, checkpoints or lease release, as a killed process would.</summary>
    internal async Task CrashAsync()
    {
        _crashed = true;
        foreach (var (consumer, _) in _consumers.Values)
        {
            consumer.Crash();
        }

        await StopAsync(CancellationToken.None).ConfigureAwait(false);
    }

    public override void Dispose()
    {
        base.Dispose();
        _wake.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_options.RetrievalMode == RetrievalMode.FanOut)
        {
            _consumerArn = await FanOutConsumer.EnsureRegisteredAsync(_client, _options, stoppingToken).ConfigureAwait(false);
        }

        var renewEvery = _options.EffectiveRenewInterval;
        var takeEvery = _options.EffectiveTakeInterval;
        var nextRenew = _time.GetUtcNow() + renewEvery;
        var nextTake = DateTimeOffset.MinValue;
        var nextSync = DateTimeOffset.MinValue;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var now = _time.GetUtcNow();
                if (now >= nextSync || _syncSoon)
                {
                    _syncSoon = false;
                    await RunSafelyAsync(() => SyncShardsAsync(stoppingToken)).ConfigureAwait(false);
                    nextSync = now + _options.ShardSyncInterval;
                    nextTake = now;
                }

                if (now >= nextRenew)
                {
                    await RunSafelyAsync(() => RenewAsync(stoppingToken)).ConfigureAwait(false);
                    nextRenew = now + renewEvery;
                }

                if (now >= nextTake)
                {
                    await RunSafelyAsync(() => TakeAsync(stoppingToken)).ConfigureAwait(false);
                    nextTake = now + takeEvery;
                }

                ReapFinished();
                var next = new[] { nextRenew, nextTake, nextSync }.Min() - _time.GetUtcNow();
                await _wake.WaitAsync(next > TimeSpan.Zero ? next : TimeSpan.Zero, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }

        await ShutdownConsumersAsync().ConfigureAwait(false);
    }

    private async Task ShutdownConsumersAsync()
    {
        foreach (var (consumer, _) in _consumers.Values)
        {
            if (_crashed)
            {
                consumer.Crash();
            }
            else
            {
                consumer.RequestShutdown();
            }
        }

        await Task.WhenAll(_consumers.Values.Select(c => c.Run)).ConfigureAwait(false);
        foreach (var key in _consumers.Keys)
        {
            if (_consumers.TryRemove(key, out var entry))
            {
                entry.Consumer.Dispose();
            }
        }

        LeasesChanged?.Invoke(this, EventArgs.Empty);
    }

    private async Task RunSafelyAsync(Func<Task> step)
    {
        try
        {
            await step().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.StepFailed(_logger, _options.WorkerId, ex);
        }
    }

    /// <summary>Creates a lease for every shard that has none (parents before children, by shard id).</summary>
    private async Task SyncShardsAsync(CancellationToken token)
    {
        var shards = await _client.ListAllShardsAsync(_options.StreamName, token).ConfigureAwait(false);
        var existing = (await _store.ListAsync(token).ConfigureAwait(false)).Select(l => l.LeaseKey).ToHashSet(StringComparer.Ordinal);
        var listed = shards.Select(s => s.ShardId).ToHashSet(StringComparer.Ordinal);
        foreach (var shard in shards.OrderBy(s => s.ShardId, StringComparer.Ordinal))
        {
            if (existing.Contains(shard.ShardId))
            {
                continue;
            }

            string[] parents = [.. new[] { shard.ParentShardId, shard.AdjacentParentShardId }.OfType<string>()];
            var hasLiveParent = parents.Any(p => listed.Contains(p) || existing.Contains(p));
            await _store.CreateIfNotExistsAsync(new Lease
            {
                LeaseKey = shard.ShardId,
                Checkpoint = hasLiveParent ? ExtendedSequenceNumber.TrimHorizon : _options.InitialPosition,
                ParentShardIds = parents,
                StartingHashKey = shard.HashKeyRange.StartingHashKey,
                EndingHashKey = shard.HashKeyRange.EndingHashKey,
            }, token).ConfigureAwait(false);
        }
    }

    private async Task RenewAsync(CancellationToken token)
    {
        foreach (var (consumer, _) in _consumers.Values)
        {
            if (!await consumer.Lease.UpdateAsync(static l => l, token).ConfigureAwait(false))
            {
                Log.LeaseLost(_logger, _options.WorkerId, consumer.ShardId);
            }
        }
    }

    /// <summary>One run of the KCL 2.x lease taker (spec b.5).</summary>
    private async Task TakeAsync(CancellationToken token)
    {
        var now = _time.GetTimestamp();
        var leases = (await _store.ListAsync(token).ConfigureAwait(false)).Where(l => !l.Checkpoint.IsShardEnd).ToList();
        foreach (var lease in leases)
        {
            if (!_observed.TryGetValue(lease.LeaseKey, out var seen) || seen.Counter != lease.LeaseCounter)
            {
                // A lease first seen with no owner is available at once; one with an owner counts as just renewed.
                var changedAt = seen == default && lease.LeaseOwner is null ? now - _time.TimestampFrequency * 3600 : now;
                _observed[lease.LeaseKey] = (lease.LeaseCounter, changedAt);
            }
        }

        bool Expired(Lease l) => l.LeaseOwner is null || _time.GetElapsedTime(_observed[l.LeaseKey].ChangedAt) > _options.LeaseDuration;
        var me = _options.WorkerId;
        var available = leases.Where(l => !_consumers.ContainsKey(l.LeaseKey) && (Expired(l) || l.LeaseOwner == me)).ToList();
        var counts = leases.Where(l => !Expired(l) && l.LeaseOwner != me).GroupBy(l => l.LeaseOwner!).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        counts[me] = _consumers.Count;
        var target = counts.Count >= leases.Count ? 1 : (int)Math.Ceiling(leases.Count / (double)counts.Count);
        target = Math.Min(target, _options.MaxLeasesForWorker);
        var needed = target - _consumers.Count;
        if (needed <= 0)
        {
            return;
        }

        var toTake = available.OrderBy(_ => Random.Shared.Next()).Take(needed).ToList();
        if (toTake.Count == 0)
        {
            var (victim, count) = counts.Where(c => c.Key != me).OrderByDescending(c => c.Value).FirstOrDefault();
            var steal = count > target ? Math.Min(needed, count - target) : count == target && needed > 1 ? 1 : 0;
            steal = Math.Min(steal, _options.MaxLeasesToStealAtOneTime);
            toTake = [.. leases.Where(l => l.LeaseOwner == victim && !Expired(l)).OrderBy(_ => Random.Shared.Next()).Take(steal)];
        }

        foreach (var lease in toTake)
        {
            var taken = lease with
            {
                LeaseOwner = me,
                LeaseCounter = lease.LeaseCounter + 1,
                OwnerSwitchesSinceCheckpoint = lease.OwnerSwitchesSinceCheckpoint + (lease.LeaseOwner == me ? 0 : 1),
            };
            if (await _store.UpdateAsync(taken, lease.LeaseCounter, token).ConfigureAwait(false))
            {
                _observed[lease.LeaseKey] = (taken.LeaseCounter, _time.GetTimestamp());
                Start(taken);
            }
        }
    }

    private void Start(Lease lease)
    {
        Log.LeaseTaken(_logger, _options.WorkerId, lease.LeaseKey);
        var consumer = new ShardConsumer(_client, _store, new HeldLease(_store, lease), _processorFactory(), _options, _consumerArn, _logger)
        {
            ShardCompleted = () =>
            {
                _syncSoon = true;
                _wake.Release();
            },
        };
        _consumers[lease.LeaseKey] = (consumer, Task.Run(consumer.RunAsync));
        LeasesChanged?.Invoke(this, EventArgs.Empty);
    }

    private void ReapFinished()
    {
        var changed = false;
        foreach (var (shard, entry) in _consumers)
        {
            if (entry.Run.IsCompleted && _consumers.TryRemove(shard, out _))
            {
                entry.Consumer.Dispose();
                changed = true;
            }
        }

        if (changed)
        {
            LeasesChanged?.Invoke(this, EventArgs.Empty);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Worker {WorkerId} took the lease of {ShardId}")]
        public static partial void LeaseTaken(ILogger logger, string workerId, string shardId);

        [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = "Worker {WorkerId} lost the lease of {ShardId}")]
        public static partial void LeaseLost(ILogger logger, string workerId, string shardId);

        [LoggerMessage(EventId = 2003, Level = LogLevel.Warning, Message = "Worker {WorkerId}: a lease-management step failed")]
        public static partial void StepFailed(ILogger logger, string workerId, Exception exception);
    }
}
