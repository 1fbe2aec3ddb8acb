using System.Diagnostics;
using Orleans.Kinesis.Client.Errors;
using Orleans.Kinesis.Client.Model;

namespace Orleans.Kinesis.Client.Producer;

/// <summary>
/// One stream's KPL pipeline (spec a.3): aggregator per predicted shard → per-shard limiter → collector →
/// PutRecords → retrier. A single loop seals due containers, drains limiters and sends batches; completions
/// of PutRecords feed results back to the callers or re-enqueue failed user records until their TTL.
/// </summary>
internal sealed class StreamPipeline : IAsyncDisposable
{
    private const string NoShard = "";
    private const int ShardCollectionFlushBytes = 256 * 1024;
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(25);

    private readonly KinesisClient _client;
    private readonly string _stream;
    private readonly KinesisProducerOptions _options;
    private readonly ProducerInstruments _instruments;
    private readonly ByteBudget _budget;
    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, ShardAggregator> _aggregators = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (TokenBucket Bucket, Queue<PendingKinesisRecord> Queue)> _limiters = new(StringComparer.Ordinal);
    private readonly List<PendingKinesisRecord> _collector = [];
    private readonly SemaphoreSlim _signal = new(0);
    private readonly SemaphoreSlim _inflight;
    private readonly CancellationTokenSource _stop = new();
    private readonly TimeSpan _deadlineExtension;
    private ShardMap? _map;
    private Task<ShardMap?>? _refresh;
    private DateTimeOffset _refreshStarted = DateTimeOffset.MinValue;
    private long _outstanding;
    private int _sending;
    private bool _flushRequested;
    private TaskCompletionSource? _idle;
    private Task _loop = Task.CompletedTask;

    public StreamPipeline(KinesisClient client, string stream, KinesisProducerOptions options, ProducerInstruments instruments, ByteBudget budget)
    {
        _client = client;
        _stream = stream;
        _options = options;
        _instruments = instruments;
        _budget = budget;
        _time = options.TimeProvider;
        _inflight = new SemaphoreSlim(Math.Max(1, options.MaxConcurrentRequests));
        _deadlineExtension = options.AggregationEnabled
            ? TimeSpan.FromTicks(Math.Min(TimeSpan.FromMilliseconds(50).Ticks, options.RecordMaxBufferedTime.Ticks / 5))
            : TimeSpan.Zero;
    }

    public long Outstanding => Interlocked.Read(ref _outstanding);

    public async Task StartAsync()
    {
        await RefreshMapAsync(force: true).ConfigureAwait(false);
        _loop = Task.Run(RunAsync);
    }

    public Task<UserRecordResult> AddAsync(PendingUserRecord record)
    {
        lock (_lock)
        {
            _outstanding++;
            Enqueue(record);
        }

        return record.Completion.Task;
    }

    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        Task idle;
        lock (_lock)
        {
            if (_outstanding == 0)
            {
                return;
            }

            _flushRequested = true;
            _idle ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            idle = _idle.Task;
        }

        _signal.Release();
        await idle.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _signal.Release();
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
        _signal.Dispose();
        _inflight.Dispose();
    }

    private void Enqueue(PendingUserRecord record)
    {
        var shard = _map?.Predict(record.HashKey);
        if (!_options.AggregationEnabled || shard is null || record.Size > _options.AggregationMaxSize / 2)
        {
            ToLimiter(new PendingKinesisRecord([record], shard, _deadlineExtension));
            return;
        }

        if (!_aggregators.TryGetValue(shard, out var aggregator))
        {
            aggregator = new ShardAggregator(shard);
            _aggregators.Add(shard, aggregator);
        }

        if (!aggregator.Fits(record, _options))
        {
            ToLimiter(new PendingKinesisRecord(aggregator.Drain(), shard, _deadlineExtension));
        }

        aggregator.Add(record);
        if (aggregator.IsFull(_options))
        {
            ToLimiter(new PendingKinesisRecord(aggregator.Drain(), shard, _deadlineExtension));
        }
    }

    private void ToLimiter(PendingKinesisRecord record)
    {
        var key = record.PredictedShard ?? NoShard;
        if (!_limiters.TryGetValue(key, out var limiter))
        {
            limiter = (new TokenBucket(_options.RateLimit, _time.GetUtcNow()), new Queue<PendingKinesisRecord>());
            _limiters.Add(key, limiter);
        }

        limiter.Queue.Enqueue(record);
    }

    private async Task RunAsync()
    {
        var expired = new List<PendingKinesisRecord>();
        while (true)
        {
            List<List<PendingKinesisRecord>> batches;
            lock (_lock)
            {
                var now = _time.GetUtcNow();
                SealDueContainers(now);
                DrainLimiters(now, expired);
                batches = TakeBatches(now);
                if (_stop.IsCancellationRequested && _outstanding == 0 && Volatile.Read(ref _sending) == 0)
                {
                    return;
                }
            }

            foreach (var record in expired)
            {
                foreach (var user in record.Users)
                {
                    Fail(user, "Expired", "Record has reached expiration");
                }
            }

            expired.Clear();
            foreach (var batch in batches)
            {
                await _inflight.WaitAsync().ConfigureAwait(false);
                Interlocked.Increment(ref _sending);
                _ = SendAsync(batch);
            }

            await _signal.WaitAsync(Tick).ConfigureAwait(false);
        }
    }

    private void SealDueContainers(DateTimeOffset now)
    {
        var flush = _flushRequested || _stop.IsCancellationRequested;
        foreach (var aggregator in _aggregators.Values)
        {
            if (aggregator.Count > 0 && (flush || aggregator.EarliestDeadline <= now))
            {
                ToLimiter(new PendingKinesisRecord(aggregator.Drain(), aggregator.ShardId, _deadlineExtension));
            }
        }
    }

    private void DrainLimiters(DateTimeOffset now, List<PendingKinesisRecord> expired)
    {
        foreach (var (bucket, queue) in _limiters.Values)
        {
            while (queue.TryPeek(out var record))
            {
                if (record.Expiration < now)
                {
                    expired.Add(queue.Dequeue());
                    continue;
                }

                if (!bucket.TryTake(record.Size, now))
                {
                    break;
                }

                _collector.Add(queue.Dequeue());
            }
        }
    }

    private List<List<PendingKinesisRecord>> TakeBatches(DateTimeOffset now)
    {
        var batches = new List<List<PendingKinesisRecord>>();
        var flush = _flushRequested || _stop.IsCancellationRequested;
        while (_collector.Count > 0 && (flush || CollectorDue(now)))
        {
            var batch = new List<PendingKinesisRecord>();
            var bytes = 0;
            var i = 0;
            for (; i < _collector.Count && batch.Count < _options.CollectionMaxCount; i++)
            {
                var record = _collector[i];
                if (batch.Count > 0 && bytes + record.Size > _options.CollectionMaxSize)
                {
                    break;
                }

                batch.Add(record);
                bytes += record.Size;
            }

            _collector.RemoveRange(0, i);
            batches.Add(batch);
        }

        return batches;
    }

    private bool CollectorDue(DateTimeOffset now)
    {
        if (_collector.Count >= _options.CollectionMaxCount)
        {
            return true;
        }

        var bytes = 0L;
        Dictionary<string, int>? perShard = null;
        foreach (var record in _collector)
        {
            if (record.Deadline <= now)
            {
                return true;
            }

            bytes += record.Size;
            perShard ??= new Dictionary<string, int>(StringComparer.Ordinal);
            var key = record.PredictedShard ?? NoShard;
            var shardBytes = perShard.GetValueOrDefault(key) + record.Size;
            perShard[key] = shardBytes;
            if (bytes >= _options.CollectionMaxSize || shardBytes >= ShardCollectionFlushBytes)
            {
                return true;
            }
        }

        return false;
    }

    private async Task SendAsync(List<PendingKinesisRecord> batch)
    {
        var sentAt = _time.GetUtcNow();
        var watch = Stopwatch.StartNew();
        try
        {
            _instruments.KinesisRecordsPerPutRecordsRequest.Record(batch.Count);
            var entries = batch.ConvertAll(static r => r.Entry);
            var response = await _client.PutRecordsAsync(new PutRecordsRequest { StreamName = _stream, Records = entries }).ConfigureAwait(false);
            if (response.Records.Count != batch.Count)
            {
                foreach (var record in batch)
                {
                    Retry(record.Users, sentAt, watch.Elapsed, "ResponseCountMismatch", $"{response.Records.Count} results for {batch.Count} records");
                }

                return;
            }

            for (var i = 0; i < batch.Count; i++)
            {
                await CompleteAsync(batch[i], response.Records[i], sentAt, watch.Elapsed).ConfigureAwait(false);
            }
        }
        catch (KinesisServiceException ex) when (ex.ErrorType is "ValidationException" or ErrorTypes.InvalidArgument)
        {
            foreach (var record in batch)
            {
                foreach (var user in record.Users)
                {
                    user.Attempts.Add(new Attempt(sentAt - user.AttemptStart, watch.Elapsed, false, ex.ErrorType, ex.ErrorMessage));
                    Fail(user, ex.ErrorType, ex.ErrorMessage);
                }
            }
        }
        catch (Exception ex)
        {
            var code = ex is KinesisServiceException service ? service.ErrorType : ex.GetType().Name;
            foreach (var record in batch)
            {
                Retry(record.Users, sentAt, watch.Elapsed, code, ex.Message);
            }
        }
        finally
        {
            Interlocked.Decrement(ref _sending);
            _inflight.Release();
            _signal.Release();
        }
    }

    private async Task CompleteAsync(PendingKinesisRecord record, PutRecordsResultEntry entry, DateTimeOffset sentAt, TimeSpan duration)
    {
        if (entry.ErrorCode is { } code)
        {
            if (code == ErrorTypes.ProvisionedThroughputExceeded && _options.FailIfThrottled)
            {
                foreach (var user in record.Users)
                {
                    user.Attempts.Add(new Attempt(sentAt - user.AttemptStart, duration, false, code, entry.ErrorMessage));
                    Fail(user, code, entry.ErrorMessage ?? code);
                }

                return;
            }

            Retry(record.Users, sentAt, duration, code, entry.ErrorMessage);
            return;
        }

        var shard = entry.ShardId!;
        if (record.PredictedShard != shard)
        {
            // The map is stale (reshard): refresh it; an aggregate whose user records are not all in the shard it
            // landed on would be dropped by consumers' shard-range filter, so its user records go again.
            var map = await RefreshMapAsync(force: false).ConfigureAwait(false);
            if (map is null || !map.Knows(shard))
            {
                map = await RefreshMapAsync(force: true).ConfigureAwait(false);
            }

            if (record.Aggregated && (map is null || !map.Knows(shard) || record.Users.Exists(u => !map.Covers(shard, u.HashKey))))
            {
                Retry(record.Users, sentAt, duration, "WrongShard", $"aggregate landed on {shard}, outside some user records' hash keys");
                return;
            }
        }

        _instruments.KinesisRecordsPut.Add(1);
        _instruments.UserRecordsPerKinesisRecord.Record(record.Users.Count);
        for (var i = 0; i < record.Users.Count; i++)
        {
            var user = record.Users[i];
            user.Attempts.Add(new Attempt(sentAt - user.AttemptStart, duration, true, null, null));
            _instruments.BufferingTime.Record((sentAt - user.Arrival).TotalMilliseconds);
            _instruments.RetriesPerRecord.Record(user.Attempts.Count - 1);
            _instruments.UserRecordsPut.Add(1);
            Finish(user, new UserRecordResult(true, shard, entry.SequenceNumber, record.Aggregated ? i : 0, user.Attempts), error: null);
        }
    }

    private void Retry(List<PendingUserRecord> users, DateTimeOffset sentAt, TimeSpan duration, string code, string? message)
    {
        _instruments.Error(code, _stream);
        var now = _time.GetUtcNow();
        var retryDeadline = now + (_options.RecordMaxBufferedTime / 2);
        List<PendingUserRecord>? expired = null;
        lock (_lock)
        {
            foreach (var user in users)
            {
                user.Attempts.Add(new Attempt(sentAt - user.AttemptStart, duration, false, code, message));
                if (now > user.Expiration)
                {
                    (expired ??= []).Add(user);
                    continue;
                }

                user.Deadline = retryDeadline < user.Expiration ? retryDeadline : user.Expiration;
                user.AttemptStart = now;
                Enqueue(user);
            }
        }

        expired?.ForEach(u => Fail(u, "Expired", $"Record has reached expiration after {code}: {message}"));
    }

    private void Fail(PendingUserRecord user, string code, string message)
    {
        if (code == "Expired")
        {
            _instruments.UserRecordExpired.Add(1);
        }

        var result = new UserRecordResult(false, null, null, 0, user.Attempts);
        Finish(user, result, new UserRecordFailedException(result, $"User record failed ({code}): {message}"));
    }

    private void Finish(PendingUserRecord user, UserRecordResult result, Exception? error)
    {
        _budget.Release(user.Size);
        TaskCompletionSource? idle = null;
        lock (_lock)
        {
            if (--_outstanding == 0)
            {
                idle = _idle;
                _idle = null;
                _flushRequested = false;
            }
        }

        if (error is null)
        {
            user.Completion.TrySetResult(result);
        }
        else
        {
            user.Completion.TrySetException(error);
        }

        idle?.TrySetResult();
    }

    private Task<ShardMap?> RefreshMapAsync(bool force)
    {
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            if (_refresh is not null && (!_refresh.IsCompleted || (!force && now - _refreshStarted < TimeSpan.FromMilliseconds(500))))
            {
                return _refresh;
            }

            _refreshStarted = now;
            _refresh = LoadMapAsync();
            return _refresh;
        }
    }

    private async Task<ShardMap?> LoadMapAsync()
    {
        try
        {
            var map = new ShardMap(await _client.ListAllShardsAsync(_stream).ConfigureAwait(false));
            lock (_lock)
            {
                _map = map;
            }

            return map;
        }
        catch (KinesisServiceException)
        {
            return _map;
        }
        catch (HttpRequestException)
        {
            return _map;
        }
    }
}
