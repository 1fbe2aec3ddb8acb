using Microsoft.Extensions.Logging;
using Orleans.Kinesis.Client.Aggregation;
using Orleans.Kinesis.Client.Consumer.Leases;
using Orleans.Kinesis.Client.Errors;
using Orleans.Kinesis.Client.Model;

namespace Orleans.Kinesis.Client.Consumer;

/// <summary>
/// Runs one shard's record processor for a held lease (spec b.7, b.8): waits for parent shards, initializes,
/// delivers de-aggregated records from the checkpoint on (polling or fan-out), and at shard end calls
/// <c>ShardEnded</c> and creates the child leases; ends with lease lost or shutdown requested when stopped.
/// </summary>
internal sealed partial class ShardConsumer : IDisposable
{
    private readonly KinesisClient _client;
    private readonly ILeaseStore _store;
    private readonly HeldLease _lease;
    private readonly IRecordProcessor _processor;
    private readonly StreamProcessorOptions _options;
    private readonly string? _consumerArn;
    private readonly ILogger _logger;
    private readonly ShardProgress _progress = new();
    private readonly ShardCheckpointer _checkpointer;
    private readonly CancellationTokenSource _stop = new();
    private HashKeyRange? _range;
    private int _stopReason;

    public ShardConsumer(KinesisClient client, ILeaseStore store, HeldLease lease, IRecordProcessor processor, StreamProcessorOptions options, string? consumerArn, ILogger logger)
    {
        _client = client;
        _store = store;
        _lease = lease;
        _processor = processor;
        _options = options;
        _consumerArn = consumerArn;
        _logger = logger;
        _checkpointer = new ShardCheckpointer(lease, _progress);
        if (lease.Current is { StartingHashKey: { } start, EndingHashKey: { } end })
        {
            _range = new HashKeyRange { StartingHashKey = start, EndingHashKey = end };
        }
    }

    private enum StopReason
    {
        None,
        Shutdown,
        Crash,
    }

    public HeldLease Lease => _lease;

    public string ShardId => _lease.ShardId;

    /// <summary>Raised after the shard ended and its child leases exist.</summary>
    public Action? ShardCompleted { get; init; }

    /// <summary>Graceful stop: the processor gets <c>ShutdownRequested</c>, then the lease is released.</summary>
    public void RequestShutdown() => Stop(StopReason.Shutdown);

    /// <summary>Stops without callbacks or release, as if the process died.</summary>
    public void Crash() => Stop(StopReason.Crash);

    public async Task RunAsync()
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(_lease.Lost, _stop.Token);
        var token = linked.Token;
        try
        {
            await WaitForParentsAsync(token).ConfigureAwait(false);
            var checkpoint = _lease.Current.Checkpoint;
            if (checkpoint.IsShardEnd)
            {
                return;
            }

            if (!checkpoint.IsSentinel)
            {
                _progress.LastDelivered = checkpoint;
            }

            _range ??= (await _client.ListAllShardsAsync(_options.StreamName, token).ConfigureAwait(false)).Find(s => s.ShardId == ShardId)?.HashKeyRange;
            await _processor.InitializeAsync(new InitializationInput(ShardId, checkpoint), token).ConfigureAwait(false);
            var children = _options.RetrievalMode == RetrievalMode.FanOut
                ? await SubscribeUntilShardEndAsync(token).ConfigureAwait(false)
                : await PollUntilShardEndAsync(token).ConfigureAwait(false);
            await EndShardAsync(children, token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or LeaseLostException)
        {
            await OnStoppedAsync().ConfigureAwait(false);
        }
    }

    public void Dispose()
    {
        _stop.Dispose();
        _lease.Dispose();
    }

    private void Stop(StopReason reason)
    {
        Interlocked.CompareExchange(ref _stopReason, (int)reason, (int)StopReason.None);
        _stop.Cancel();
    }

    private async Task OnStoppedAsync()
    {
        switch ((StopReason)Volatile.Read(ref _stopReason))
        {
            case StopReason.Crash:
                return;
            case StopReason.Shutdown when !_lease.IsLost:
                await CallSafelyAsync(() => _processor.ShutdownRequestedAsync(new ShutdownRequestedInput(ShardId, _checkpointer), CancellationToken.None)).ConfigureAwait(false);
                await _lease.UpdateAsync(l => l with { LeaseOwner = null }, CancellationToken.None).ConfigureAwait(false);
                return;
            default:
                Log.LeaseLost(_logger, ShardId);
                await CallSafelyAsync(() => _processor.LeaseLostAsync(new LeaseLostInput(ShardId), CancellationToken.None)).ConfigureAwait(false);
                return;
        }
    }

    private async Task WaitForParentsAsync(CancellationToken token)
    {
        foreach (var parent in _lease.Current.ParentShardIds)
        {
            while (await _store.GetAsync(parent, token).ConfigureAwait(false) is { } parentLease && !parentLease.Checkpoint.IsShardEnd)
            {
                await Task.Delay(_options.ParentShardPollInterval, token).ConfigureAwait(false);
            }
        }
    }

    private async Task<IReadOnlyList<ChildShard>> PollUntilShardEndAsync(CancellationToken token)
    {
        var iterator = await IteratorAsync(token).ConfigureAwait(false);
        while (true)
        {
            token.ThrowIfCancellationRequested();
            GetRecordsResponse response;
            try
            {
                response = await _client.GetRecordsAsync(new GetRecordsRequest { ShardIterator = iterator, Limit = _options.MaxRecords }, token).ConfigureAwait(false);
            }
            catch (ExpiredIteratorException)
            {
                iterator = await IteratorAsync(token).ConfigureAwait(false);
                continue;
            }
            catch (KinesisServiceException ex) when (ex.IsRetryable)
            {
                await Task.Delay(_options.TaskBackoff, token).ConfigureAwait(false);
                continue;
            }

            var atEnd = response.NextShardIterator is null;
            await DeliverAsync(response.Records, response.MillisBehindLatest, atEnd, response.ChildShards, token).ConfigureAwait(false);
            if (atEnd)
            {
                return response.ChildShards ?? [];
            }

            iterator = response.NextShardIterator!;
            if (response.Records.Count == 0)
            {
                await Task.Delay(_options.IdleTimeBetweenReads, token).ConfigureAwait(false);
            }
        }
    }

    private async Task<string> IteratorAsync(CancellationToken token)
    {
        var request = _progress.LastDelivered is { } last
            ? new GetShardIteratorRequest { StreamName = _options.StreamName, ShardId = ShardId, ShardIteratorType = ShardIteratorTypes.AtSequenceNumber, StartingSequenceNumber = last.SequenceNumber }
            : new GetShardIteratorRequest { StreamName = _options.StreamName, ShardId = ShardId, ShardIteratorType = _lease.Current.Checkpoint.SequenceNumber == "LATEST" ? ShardIteratorTypes.Latest : ShardIteratorTypes.TrimHorizon };
        var response = await _client.GetShardIteratorAsync(request, token).ConfigureAwait(false);
        return response.ShardIterator ?? throw new InvalidOperationException($"No iterator for {ShardId}.");
    }

    private async Task<IReadOnlyList<ChildShard>> SubscribeUntilShardEndAsync(CancellationToken token)
    {
        string? continuation = null;
        while (true)
        {
            var position = _progress.LastDelivered is { } last
                ? new StartingPosition { Type = ShardIteratorTypes.AtSequenceNumber, SequenceNumber = last.SequenceNumber }
                : continuation is not null
                    ? new StartingPosition { Type = ShardIteratorTypes.AfterSequenceNumber, SequenceNumber = continuation }
                    : new StartingPosition { Type = _lease.Current.Checkpoint.SequenceNumber == "LATEST" ? ShardIteratorTypes.Latest : ShardIteratorTypes.TrimHorizon };
            try
            {
                await foreach (var shardEvent in _client.SubscribeToShardAsync(new SubscribeToShardRequest { ConsumerARN = _consumerArn!, ShardId = ShardId, StartingPosition = position }, token).ConfigureAwait(false))
                {
                    var atEnd = shardEvent.ContinuationSequenceNumber is null;
                    await DeliverAsync(shardEvent.Records, shardEvent.MillisBehindLatest, atEnd, shardEvent.ChildShards, token).ConfigureAwait(false);
                    if (atEnd)
                    {
                        return shardEvent.ChildShards ?? [];
                    }

                    continuation = shardEvent.ContinuationSequenceNumber;
                }
            }
            catch (Exception ex) when (ex is KinesisServiceException or HttpRequestException or IOException && !token.IsCancellationRequested)
            {
                Log.SubscriptionFailed(_logger, ShardId, ex.Message);
                await Task.Delay(_options.TaskBackoff, token).ConfigureAwait(false);
            }
        }
    }

    private async Task DeliverAsync(List<Record> records, long? millisBehind, bool atEnd, List<ChildShard>? children, CancellationToken token)
    {
        var users = new List<KinesisClientRecord>(records.Count);
        var after = _progress.LastDelivered;
        foreach (var record in records)
        {
            foreach (var user in Deaggregator.Deaggregate(record, _range))
            {
                if (after is null || user.SequenceNumber != after.SequenceNumber || user.SubSequenceNumber > after.SubSequenceNumber)
                {
                    users.Add(user);
                }
            }
        }

        if (users.Count == 0)
        {
            return;
        }

        _progress.LastDelivered = new ExtendedSequenceNumber(users[^1].SequenceNumber, users[^1].SubSequenceNumber);
        try
        {
            await _processor.ProcessRecordsAsync(new ProcessRecordsInput(ShardId, users, _checkpointer, millisBehind, atEnd, children), token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not (OperationCanceledException or LeaseLostException))
        {
            // As the KCL does: a failing batch is logged and processing goes on.
            Log.ProcessorFailed(_logger, ShardId, ex);
        }
    }

    private async Task EndShardAsync(IReadOnlyList<ChildShard> children, CancellationToken token)
    {
        _progress.Ended = true;
        for (var attempt = 0; !_lease.Current.Checkpoint.IsShardEnd; attempt++)
        {
            if (attempt > 0)
            {
                Log.NoShardEndCheckpoint(_logger, ShardId);
                await Task.Delay(_options.TaskBackoff, token).ConfigureAwait(false);
            }

            await _processor.ShardEndedAsync(new ShardEndedInput(ShardId, _checkpointer), token).ConfigureAwait(false);
        }

        if (children.Count == 0)
        {
            children = [.. (await _client.ListAllShardsAsync(_options.StreamName, token).ConfigureAwait(false))
                .Where(s => s.ParentShardId == ShardId || s.AdjacentParentShardId == ShardId)
                .Select(s => new ChildShard { ShardId = s.ShardId, HashKeyRange = s.HashKeyRange, ParentShards = [.. new[] { s.ParentShardId, s.AdjacentParentShardId }.OfType<string>()] })];
        }

        foreach (var child in children)
        {
            await _store.CreateIfNotExistsAsync(new Lease
            {
                LeaseKey = child.ShardId,
                Checkpoint = ExtendedSequenceNumber.TrimHorizon,
                ParentShardIds = child.ParentShards,
                StartingHashKey = child.HashKeyRange.StartingHashKey,
                EndingHashKey = child.HashKeyRange.EndingHashKey,
            }, token).ConfigureAwait(false);
        }

        await _lease.UpdateAsync(l => l with { ChildShardIds = [.. children.Select(c => c.ShardId)] }, token).ConfigureAwait(false);
        ShardCompleted?.Invoke();
    }

    private async Task CallSafelyAsync(Func<Task> call)
    {
        try
        {
            await call().ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            Log.ProcessorFailed(_logger, ShardId, ex);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 2101, Level = LogLevel.Information, Message = "Lease of {ShardId} lost")]
        public static partial void LeaseLost(ILogger logger, string shardId);

        [LoggerMessage(EventId = 2102, Level = LogLevel.Warning, Message = "Record processor of {ShardId} failed")]
        public static partial void ProcessorFailed(ILogger logger, string shardId, Exception exception);

        [LoggerMessage(EventId = 2103, Level = LogLevel.Error, Message = "The application did not checkpoint at the end of {ShardId}; retrying ShardEnded")]
        public static partial void NoShardEndCheckpoint(ILogger logger, string shardId);

        [LoggerMessage(EventId = 2104, Level = LogLevel.Information, Message = "Subscription to {ShardId} failed: {Reason}; resubscribing")]
        public static partial void SubscriptionFailed(ILogger logger, string shardId, string reason);
    }
}
