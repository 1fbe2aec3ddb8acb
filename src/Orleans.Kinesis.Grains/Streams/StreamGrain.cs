using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Kinesis.Abstractions.Errors;
using Orleans.Kinesis.Abstractions.Grains;
using Orleans.Kinesis.Abstractions.Ids;
using Orleans.Kinesis.Abstractions.Options;
using Orleans.Kinesis.Storage.Hosting;
using Orleans.Kinesis.Storage.Logs;
using Orleans.Runtime;

namespace Orleans.Kinesis.Grains.Streams;

/// <summary>
/// A stream's metadata and shard map. Creation and deletion are asynchronous as on AWS: the stream is CREATING until
/// its shards exist, DELETING until its logs are gone. An interrupted transition resumes on the next activation.
/// </summary>
[GrainType("stream")]
public sealed partial class StreamGrain : Grain, IStreamGrain
{
    /// <summary>The grain's string key.</summary>
    private string GrainKey => this.GetPrimaryKeyString();

    private readonly IPersistentState<StreamState> _state;
    private readonly KinesisServiceOptions _options;
    private readonly IRecordLogStore _logs;
    private readonly TimeProvider _time;
    private readonly ILogger<StreamGrain> _logger;
    private const long DayMs = 24L * 3_600_000;
    private const int MaxScalingOperationsPerDay = 10;
    private const int MaxShardsPerStream = 10_000;

    private StreamSnapshot? _snapshot;
    private IDisposable? _transition;
    private IDisposable? _consumerTransition;

    public StreamGrain(
        [PersistentState("stream", GrainStorageSiloBuilderExtensions.ProviderName)] IPersistentState<StreamState> state,
        IOptions<KinesisServiceOptions> options,
        IRecordLogStore logs,
        TimeProvider time,
        ILogger<StreamGrain> logger)
    {
        _state = state;
        _options = options.Value;
        _logs = logs;
        _time = time;
        _logger = logger;
    }

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (_state.RecordExists)
        {
            ScheduleTransition(TimeSpan.Zero);
            ScheduleConsumerTransitions();
        }

        return Task.CompletedTask;
    }

    public async Task CreateAsync(CreateStreamCommand command)
    {
        if (_state.RecordExists)
        {
            throw KinesisErrors.StreamAlreadyExists(GrainKey, _options.AccountId);
        }

        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        var ranges = HashKeyRange.EvenSplit(command.ShardCount);
        var state = new StreamState
        {
            Name = GrainKey,
            Status = nameof(StreamStatus.Creating),
            Mode = command.Mode.ToString(),
            CreatedTimeMs = now,
            MaxRecordSizeKiB = command.MaxRecordSizeKiB,
            Version = 1,
        };
        for (var i = 0; i < ranges.Length; i++)
        {
            state.Shards.Add(new ShardRecord
            {
                Index = i,
                StartingHashKey = ranges[i].Start.ToString(CultureInfo.InvariantCulture),
                EndingHashKey = ranges[i].End.ToString(CultureInfo.InvariantCulture),
                CreatedTimeMs = now,
            });
        }

        if (command.Tags is not null)
        {
            foreach (var (key, value) in command.Tags)
            {
                state.Tags[key] = value;
            }
        }

        _state.State = state;
        await WriteAsync();
        await GrainFactory.GetGrain<IStreamDirectoryGrain>(IStreamDirectoryGrain.DefaultKey).AddAsync(GrainKey);
        Log.StreamCreating(_logger, GrainKey, command.ShardCount);
        ScheduleTransition(_options.CreateStreamDelay);
    }

    public async Task DeleteAsync(bool enforceConsumerDeletion)
    {
        if (!_state.RecordExists)
        {
            throw KinesisErrors.StreamNotFound(GrainKey, _options.AccountId);
        }

        var state = _state.State;
        if (state.Status == nameof(StreamStatus.Deleting))
        {
            return;
        }

        var registered = 0;
        foreach (var consumer in state.Consumers)
        {
            registered += consumer.Status == nameof(ConsumerStatus.Deleting) ? 0 : 1;
        }

        if (registered > 0 && !enforceConsumerDeletion)
        {
            throw new KinesisException(KinesisErrors.ResourceInUse, string.Create(CultureInfo.InvariantCulture,
                $"Stream {GrainKey} under account {_options.AccountId} has {registered} registered consumers. Deregister them first or set EnforceConsumerDeletion."));
        }

        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        foreach (var consumer in state.Consumers)
        {
            if (consumer.Status != nameof(ConsumerStatus.Deleting))
            {
                consumer.Status = nameof(ConsumerStatus.Deleting);
                consumer.StatusChangedMs = now;
            }
        }

        state.Status = nameof(StreamStatus.Deleting);
        await WriteAsync();
        Log.StreamDeleting(_logger, GrainKey);
        ScheduleTransition(_options.DeleteStreamDelay);
    }

    public async Task AddTagsAsync(IReadOnlyDictionary<string, string> tags)
    {
        var state = RequireSettled();
        StreamSettings.AddTags(state, tags, _options.AccountId);
        await WriteAsync();
    }

    public async Task RemoveTagsAsync(IReadOnlyList<string> tagKeys)
    {
        var state = RequireSettled();
        var removed = false;
        foreach (var key in tagKeys)
        {
            removed |= state.Tags.Remove(key);
        }

        if (removed)
        {
            await WriteAsync();
        }
    }

    public async Task SetRetentionPeriodAsync(int hours, bool increase)
    {
        var state = RequireSettled();
        StreamSettings.CheckRetention(state, hours, increase, _options.AccountId);
        if (state.RetentionPeriodHours != hours)
        {
            state.RetentionPeriodHours = hours;
            await WriteAsync();
            foreach (var shard in state.Shards)
            {
                await GrainFactory.GetGrain<IShardGrain>(StreamStorage.ShardKey(state.Name, state.CreatedTimeMs, shard.Index)).SetRetentionPeriodAsync(hours);
            }
        }
    }

    public async Task UpdateStreamModeAsync(StreamMode mode)
    {
        var state = RequireSettled();
        if (state.Status != nameof(StreamStatus.Active))
        {
            throw KinesisErrors.StreamNotActive(GrainKey, _options.AccountId, state.Status.ToUpperInvariant());
        }

        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        if (!StreamSettings.CheckModeSwitch(state, mode.ToString(), now, _options.AccountId))
        {
            return;
        }

        // The shard count is kept; the stream passes through UPDATING as on AWS.
        state.Mode = mode.ToString();
        state.ModeSwitchesMs.Add(now);
        state.Status = nameof(StreamStatus.Updating);
        await WriteAsync();
        ScheduleTransition(_options.UpdateStreamDelay);
    }

    public async Task StartEncryptionAsync(string keyId, string keyArn)
    {
        var state = RequireActive();
        if (StreamEncryption.Start(state, keyId, keyArn, _time.GetUtcNow().ToUnixTimeMilliseconds(), _options.AccountId))
        {
            await BeginUpdateAsync(state);
        }
    }

    public async Task StopEncryptionAsync()
    {
        var state = RequireActive();
        if (StreamEncryption.Stop(state, _time.GetUtcNow().ToUnixTimeMilliseconds(), _options.AccountId))
        {
            await BeginUpdateAsync(state);
        }
    }

    public async Task SetMaxRecordSizeAsync(int kib)
    {
        var state = RequireSettled();
        if (state.MaxRecordSizeKiB != kib)
        {
            state.MaxRecordSizeKiB = kib;
            await WriteAsync();
        }
    }

    public async Task<MetricsChange> ChangeShardLevelMetricsAsync(IReadOnlyList<string> metrics, bool enable)
    {
        var state = RequireSettled();
        var (before, after) = StreamSettings.ChangeMetrics(state, metrics, enable);
        await WriteAsync();
        return new MetricsChange(before, after);
    }

    public async Task<ConsumerSnapshot> RegisterConsumerAsync(string consumerName, IReadOnlyDictionary<string, string>? tags)
    {
        var state = RequireSettled();
        var consumer = StreamConsumers.Register(state, consumerName, tags, _time.GetUtcNow().ToUnixTimeMilliseconds(), _options);
        await WriteAsync();
        Log.ConsumerRegistered(_logger, consumer.Arn);
        ScheduleConsumerTransitions();
        return StreamConsumers.Snapshot(consumer);
    }

    public async Task DeregisterConsumerAsync(string consumerName, string? consumerArn)
    {
        var state = RequireExists();
        var consumer = StreamConsumers.Find(state, consumerName, consumerArn, _options.AccountId);
        if (consumer.Status == nameof(ConsumerStatus.Deleting))
        {
            return;
        }

        consumer.Status = nameof(ConsumerStatus.Deleting);
        consumer.StatusChangedMs = _time.GetUtcNow().ToUnixTimeMilliseconds();
        await WriteAsync();
        Log.ConsumerDeregistering(_logger, consumer.Arn);
        ScheduleConsumerTransitions();
    }

    public async Task AddConsumerTagsAsync(string consumerArn, IReadOnlyDictionary<string, string> tags)
    {
        var consumer = StreamConsumers.FindByArn(RequireExists(), consumerArn, _options.AccountId);
        StreamConsumers.AddTags(consumer, tags);
        await WriteAsync();
    }

    public async Task RemoveConsumerTagsAsync(string consumerArn, IReadOnlyList<string> tagKeys)
    {
        var consumer = StreamConsumers.FindByArn(RequireExists(), consumerArn, _options.AccountId);
        var removed = false;
        foreach (var key in tagKeys)
        {
            removed |= consumer.Tags.Remove(key);
        }

        if (removed)
        {
            await WriteAsync();
        }
    }

    public Task<StreamSnapshot?> GetSettledSnapshotAsync() => GetSnapshotAsync();

    public Task<StreamSnapshot?> GetSnapshotAsync()
    {
        if (!_state.RecordExists)
        {
            return Task.FromResult<StreamSnapshot?>(null);
        }

        return Task.FromResult<StreamSnapshot?>(_snapshot ??= StreamSnapshots.From(_state.State, _options));
    }

    private StreamState RequireExists()
        => _state.RecordExists ? _state.State : throw KinesisErrors.StreamNotFound(GrainKey, _options.AccountId);

    /// <summary>The state of a stream that exists and is neither CREATING nor DELETING (else RNF / RIU as the service answers).</summary>
    private StreamState RequireSettled()
    {
        if (!_state.RecordExists)
        {
            throw KinesisErrors.StreamNotFound(GrainKey, _options.AccountId);
        }

        var state = _state.State;
        if (state.Status is nameof(StreamStatus.Creating) or nameof(StreamStatus.Deleting))
        {
            throw KinesisErrors.StreamNotActive(GrainKey, _options.AccountId, state.Status.ToUpperInvariant());
        }

        return state;
    }

    /// <summary>The state of an ACTIVE stream (else RNF / RIU as the service answers).</summary>
    private StreamState RequireActive()
    {
        var state = RequireExists();
        if (state.Status != nameof(StreamStatus.Active))
        {
            throw KinesisErrors.StreamNotActive(GrainKey, _options.AccountId, state.Status.ToUpperInvariant());
        }

        return state;
    }

    /// <summary>Writes a change that takes the stream through UPDATING back to ACTIVE.</summary>
    private async Task BeginUpdateAsync(StreamState state)
    {
        state.Status = nameof(StreamStatus.Updating);
        await WriteAsync();
        ScheduleTransition(_options.UpdateStreamDelay);
    }

    private IShardGrain ShardGrain(StreamState state, int index)
        => GrainFactory.GetGrain<IShardGrain>(StreamStorage.ShardKey(state.Name, state.CreatedTimeMs, index));

    private void ScheduleTransition(TimeSpan delay)
    {
        _transition?.Dispose();
        _transition = this.RegisterGrainTimer(_ => CompleteTransitionAsync(), delay, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Arms the consumer timer for the earliest pending CREATING/DELETING transition, if any.</summary>
    private void ScheduleConsumerTransitions()
    {
        _consumerTransition?.Dispose();
        _consumerTransition = null;
        if (!_state.RecordExists)
        {
            return;
        }

        long? due = null;
        foreach (var consumer in _state.State.Consumers)
        {
            if (consumer.Status != nameof(ConsumerStatus.Active))
            {
                due = Math.Min(due ?? long.MaxValue, consumer.StatusChangedMs);
            }
        }

        if (due is { } changedMs)
        {
            var wait = TimeSpan.FromMilliseconds(changedMs - _time.GetUtcNow().ToUnixTimeMilliseconds()) + _options.ConsumerTransitionDelay;
            _consumerTransition = this.RegisterGrainTimer(_ => CompleteConsumerTransitionsAsync(), wait > TimeSpan.Zero ? wait : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        }
    }

    private async Task CompleteConsumerTransitionsAsync()
    {
        _consumerTransition?.Dispose();
        _consumerTransition = null;
        if (!_state.RecordExists)
        {
            return;
        }

        var (activated, removed, next) = StreamConsumers.Advance(_state.State, _time.GetUtcNow().ToUnixTimeMilliseconds(), _options.ConsumerTransitionDelay);
        if (activated.Count + removed.Count > 0)
        {
            await WriteAsync();
            foreach (var name in activated)
            {
                Log.ConsumerActive(_logger, GrainKey, name);
            }

            foreach (var name in removed)
            {
                Log.ConsumerRemoved(_logger, GrainKey, name);
            }
        }

        if (next is not null)
        {
            ScheduleConsumerTransitions();
        }
    }

    private async Task CompleteTransitionAsync()
    {
        _transition?.Dispose();
        _transition = null;
        if (!_state.RecordExists)
        {
            return;
        }

        var state = _state.State;
        if (state.Status == nameof(StreamStatus.Creating))
        {
            var snapshot = StreamSnapshots.From(state, _options);
            foreach (var shard in snapshot.Shards)
            {
                await GrainFactory.GetGrain<IShardGrain>(StreamStorage.ShardKey(state.Name, state.CreatedTimeMs, shard.Index)).InitializeAsync(shard, state.RetentionPeriodHours);
            }

            state.Status = nameof(StreamStatus.Active);
            await WriteAsync();
            Log.StreamActive(_logger, GrainKey);
        }
        else if (state.Status == nameof(StreamStatus.Updating))
        {
            if (state.PendingShards.Count + state.PendingClosing.Count > 0)
            {
                await FinishReshardAsync(state); // interrupted before the shard map was written
            }

            state.Status = nameof(StreamStatus.Active);
            await WriteAsync();
            Log.StreamActive(_logger, GrainKey);
        }
        else if (state.Status == nameof(StreamStatus.Deleting))
        {
            foreach (var shard in state.Shards)
            {
                await GrainFactory.GetGrain<IShardGrain>(StreamStorage.ShardKey(state.Name, state.CreatedTimeMs, shard.Index)).DeleteAsync();
            }

            await _logs.DeleteStreamAsync(StreamStorage.Folder(state.Name, state.CreatedTimeMs), CancellationToken.None);
            await _state.ClearStateAsync(CancellationToken.None);
            _snapshot = null;
            await GrainFactory.GetGrain<IStreamDirectoryGrain>(IStreamDirectoryGrain.DefaultKey).RemoveAsync(GrainKey);
            Log.StreamDeleted(_logger, GrainKey);
            DeactivateOnIdle();
        }
    }

    private async Task WriteAsync()
    {
        _state.State.Version++;
        _snapshot = null;
        await _state.WriteStateAsync(CancellationToken.None);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = GrainsEventIds.StreamCreating, Level = LogLevel.Information, Message = "Creating stream {Stream} with {ShardCount} shards")]
        public static partial void StreamCreating(ILogger logger, string stream, int shardCount);

        [LoggerMessage(EventId = GrainsEventIds.StreamActive, Level = LogLevel.Information, Message = "Stream {Stream} is ACTIVE")]
        public static partial void StreamActive(ILogger logger, string stream);

        [LoggerMessage(EventId = GrainsEventIds.StreamDeleting, Level = LogLevel.Information, Message = "Deleting stream {Stream}")]
        public static partial void StreamDeleting(ILogger logger, string stream);

        [LoggerMessage(EventId = GrainsEventIds.ConsumerRegistered, Level = LogLevel.Information, Message = "Registering consumer {ConsumerArn}")]
        public static partial void ConsumerRegistered(ILogger logger, string consumerArn);

        [LoggerMessage(EventId = GrainsEventIds.ConsumerActive, Level = LogLevel.Information, Message = "Consumer {Consumer} of stream {Stream} is ACTIVE")]
        public static partial void ConsumerActive(ILogger logger, string stream, string consumer);

        [LoggerMessage(EventId = GrainsEventIds.ConsumerDeregistering, Level = LogLevel.Information, Message = "Deregistering consumer {ConsumerArn}")]
        public static partial void ConsumerDeregistering(ILogger logger, string consumerArn);

        [LoggerMessage(EventId = GrainsEventIds.ConsumerRemoved, Level = LogLevel.Information, Message = "Consumer {Consumer} of stream {Stream} removed")]
        public static partial void ConsumerRemoved(ILogger logger, string stream, string consumer);

        [LoggerMessage(EventId = GrainsEventIds.StreamResharded, Level = LogLevel.Information, Message = "Stream {Stream} resharded: {Closed} shards closed, {Created} created")]
        public static partial void StreamResharded(ILogger logger, string stream, int closed, int created);

        [LoggerMessage(EventId = GrainsEventIds.HotShardSplit, Level = LogLevel.Information, Message = "On-demand stream {Stream}: splitting hot shard {ShardIndex}")]
        public static partial void HotShardSplit(ILogger logger, string stream, int shardIndex);

        [LoggerMessage(EventId = GrainsEventIds.StreamDeleted, Level = LogLevel.Information, Message = "Stream {Stream} deleted")]
        public static partial void StreamDeleted(ILogger logger, string stream);
    }
}
