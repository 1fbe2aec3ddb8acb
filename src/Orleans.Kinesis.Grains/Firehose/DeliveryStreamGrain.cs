using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Kinesis.Abstractions.Encryption;
using Orleans.Kinesis.Abstractions.Errors;
using Orleans.Kinesis.Abstractions.Firehose;
using Orleans.Kinesis.Abstractions.Grains;
using Orleans.Kinesis.Abstractions.Options;
using Orleans.Kinesis.Abstractions.Records;
using Orleans.Kinesis.Storage.Hosting;
using Orleans.Kinesis.Storage.Logs;
using Orleans.Runtime;

namespace Orleans.Kinesis.Grains.Firehose;

/// <summary>
/// One delivery stream. Accepted records go to the stream's own record log and are acknowledged once durable;
/// <see cref="TickAsync"/> (driven by the stream's <see cref="DeliverySchedule"/>: a grain timer and a reminder) delivers them when a buffering hint is met and only then
/// moves the checkpoint, so a crash between the two delivers again (at least once), never loses.
/// </summary>
[GrainType("delivery-stream")]
public sealed partial class DeliveryStreamGrain : Grain, IDeliveryStreamGrain, IRemindable
{
    /// <summary>The grain's string key.</summary>
    private string GrainKey => this.GetPrimaryKeyString();

    private const long DayMs = 24 * 3_600_000L;
    private readonly IPersistentState<DeliveryStreamState> _state;
    private readonly IRecordLogStore _logs;
    private readonly KinesisServiceOptions _service;
    private readonly FirehoseOptions _options;
    private readonly TimeProvider _time;
    private readonly S3Delivery _delivery;
    private readonly ILogger<DeliveryStreamGrain> _logger;
    private IRecordLog? _log;
    private long _pendingBytes;
    private long _pendingCount;
    private long _oldestPendingMs;
    private readonly DeliveryFailure _failure = new();

    public DeliveryStreamGrain(
        [PersistentState("delivery-stream", GrainStorageSiloBuilderExtensions.ProviderName)] IPersistentState<DeliveryStreamState> state,
        IRecordLogStore logs,
        IOptions<KinesisServiceOptions> service,
        IOptions<FirehoseOptions> options,
        TimeProvider time,
        S3Delivery delivery,
        ILogger<DeliveryStreamGrain> logger,
        RecordDecryptor decryptor,
        RecordCipher cipher)
    {
        _decryptor = decryptor;
        _sealer = new DeliveryBufferSealer(cipher);
        _state = state;
        _logs = logs;
        _service = service.Value;
        _options = options.Value;
        _time = time;
        _delivery = delivery;
        _logger = logger;
        _schedule = new DeliverySchedule(time, logger);
    }

    private readonly DeliverySchedule _schedule;

    private readonly KinesisSourceWatch _source = new();

    private readonly RecordDecryptor _decryptor;

    private readonly DeliveryBufferSealer _sealer;

    private DeliveryStreamState State => _state.State;

    private string Arn => $"arn:aws:firehose:{_service.Region}:{_service.AccountId}:deliverystream/{GrainKey}";

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (_state.RecordExists)
        {
            await OpenLogAsync(cancellationToken);
            await StartScheduleAsync();
        }
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (!_state.RecordExists)
        {
            await _schedule.StopAsync(this);
            return;
        }

        await StartScheduleAsync();
        await ScheduledTickAsync();
    }

    public Task ResumeAsync() => Task.CompletedTask; // activating the grain armed its timer and reminder

    private Task StartScheduleAsync()
    {
        if (State.KinesisStreamArn is not null)
        {
            _source.Start(GrainFactory, _time, () => _state.State);
        }

        return _schedule.StartAsync(this, _options.DeliveryCheckInterval, ScheduledTickAsync);
    }

    private Task ScheduledTickAsync() => _schedule.TickAsync(GrainKey, () => TickAsync(force: false));

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _schedule.StopTimer();
        _source.Stop();
        if (_log is { } log)
        {
            _log = null;
            await log.DisposeAsync();
        }
    }

    public async Task<string> CreateAsync(DeliveryStreamDefinition definition)
    {
        if (_state.RecordExists)
        {
            throw FirehoseErrors.AlreadyExists(GrainKey, _service.AccountId);
        }

        var directory = GrainFactory.GetGrain<IDeliveryStreamDirectoryGrain>(IDeliveryStreamDirectoryGrain.DefaultKey);
        if (!await directory.TryAddAsync(GrainKey, definition.Type, _options.MaxDeliveryStreams))
        {
            throw FirehoseErrors.LimitExceeded($"You have already consumed your firehose quota of {_options.MaxDeliveryStreams} hoses. Firehose names: {GrainKey}");
        }

        var now = Now();
        _state.State = new DeliveryStreamState
        {
            Name = GrainKey,
            Type = definition.Type,
            CreatedMs = now,
            ActiveAtMs = now + (long)_service.CreateStreamDelay.TotalMilliseconds,
            Destination = definition.Destination,
            ThroughputHintInMBs = definition.ThroughputHintInMBs,
            KinesisStreamArn = definition.KinesisStreamArn,
            KinesisRoleArn = definition.KinesisRoleArn,
            Tags = definition.Tags,
            EncryptionKeyType = definition.EncryptionKeyType,
            EncryptionKeyArn = definition.EncryptionKeyArn,
            EncryptionStatus = definition.EncryptionKeyType is null ? null : "ENABLED",
            LogFolder = "firehose@" + GrainKey + "." + now.ToString(CultureInfo.InvariantCulture),
        };
        if (definition.Type == DeliveryStreamTypes.KinesisStreamAsSource)
        {
            try
            {
                await KinesisSourceReader.StartAsync(GrainFactory, State, _service.AccountId);
            }
            catch (KinesisException)
            {
                _state.State = new DeliveryStreamState();
                await directory.RemoveAsync(GrainKey);
                throw;
            }
        }

        await _state.WriteStateAsync(CancellationToken.None);
        await OpenLogAsync(CancellationToken.None);
        await StartScheduleAsync();
        Log.Created(_logger, GrainKey);
        return Arn;
    }

    public async Task DeleteAsync()
    {
        var status = RequireStream();
        if (status == "CREATING")
        {
            throw FirehoseErrors.NotActive(GrainKey, _service.AccountId, status);
        }

        State.Status = "DELETING";
        State.ActiveAtMs = Now() + (long)_service.DeleteStreamDelay.TotalMilliseconds;
        await _state.WriteStateAsync(CancellationToken.None);
        if (_service.DeleteStreamDelay <= TimeSpan.Zero)
        {
            await RemoveAsync();
        }
    }

    public Task<DeliveryStreamDescription> DescribeAsync()
    {
        var status = RequireStream();
        var state = State;
        return Task.FromResult(new DeliveryStreamDescription(
            GrainKey, Arn, status, state.Type, state.VersionId, state.CreatedMs, state.LastUpdateMs,
            DestinationId, state.Destination.Clone(), state.ThroughputHintInMBs, state.KinesisStreamArn, state.KinesisRoleArn,
            state.KinesisStreamArn is null ? null : state.CreatedMs, state.EncryptionKeyType, state.EncryptionKeyArn,
            EncryptionStatusAt(Now()), _failure.Description));
    }

    public async Task<FirehosePutResult> PutAsync(ReadOnlyMemory<byte>[] records)
    {
        var status = RequireStream();
        if (State.Type == DeliveryStreamTypes.KinesisStreamAsSource)
        {
            throw FirehoseErrors.SourceIsKinesisStream(GrainKey);
        }

        if (status != "ACTIVE")
        {
            throw FirehoseErrors.NotActive(GrainKey, _service.AccountId, status);
        }

        var entries = new RecordEntry[records.Length];
        long bytes = 0;
        for (var i = 0; i < records.Length; i++)
        {
            entries[i] = new RecordEntry(ReadOnlyMemory<byte>.Empty, records[i]);
            bytes += records[i].Length;
        }

        var arrival = Now();
        var encrypted = EncryptionStatusAt(arrival) == "ENABLED";
        var append = encrypted ? _sealer.Append(_log!, State.LogFolder, entries, arrival) : _log!.Append(entries, arrival);
        await append.Durable;
        if (_pendingCount == 0)
        {
            _oldestPendingMs = arrival;
        }

        _pendingCount += records.Length;
        _pendingBytes += bytes;
        var ids = new string[records.Length];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = RecordId(append.FirstOrdinal + i);
        }

        return new FirehosePutResult(ids, encrypted);
    }

    public async Task UpdateDestinationAsync(string currentVersionId, string destinationId, S3DestinationSettings destination)
    {
        RequireStream();
        var current = State.VersionId.ToString(CultureInfo.InvariantCulture);
        if (!string.Equals(currentVersionId, current, StringComparison.Ordinal))
        {
            throw FirehoseErrors.VersionMismatch(GrainKey, current, currentVersionId);
        }

        if (!string.Equals(destinationId, DestinationId, StringComparison.Ordinal))
        {
            throw FirehoseErrors.InvalidArgument($"Destination Id {destinationId} not found.");
        }

        var updated = destination.Clone();
        if (State.Destination.S3BackupMode == "Enabled" && updated.S3BackupMode != "Enabled")
        {
            throw FirehoseErrors.InvalidArgument("S3 backup cannot be disabled once it has been enabled.");
        }

        State.Destination = updated;
        State.VersionId++;
        State.LastUpdateMs = Now();
        await _state.WriteStateAsync(CancellationToken.None);
    }

    public Task<IReadOnlyDictionary<string, string>> GetTagsAsync()
    {
        RequireStream();
        return Task.FromResult<IReadOnlyDictionary<string, string>>(new Dictionary<string, string>(State.Tags, StringComparer.Ordinal));
    }

    public async Task TagAsync(IReadOnlyDictionary<string, string> tags)
    {
        RequireStream();
        var merged = new Dictionary<string, string>(State.Tags, StringComparer.Ordinal);
        foreach (var (key, value) in tags)
        {
            merged[key] = value;
        }

        if (merged.Count > 50)
        {
            throw FirehoseErrors.LimitExceeded($"Tag limit exceeded for delivery stream {GrainKey}: a delivery stream can have at most 50 tags.");
        }

        State.Tags = merged;
        await _state.WriteStateAsync(CancellationToken.None);
    }

    public async Task UntagAsync(IReadOnlyList<string> keys)
    {
        RequireStream();
        foreach (var key in keys)
        {
            State.Tags.Remove(key);
        }

        await _state.WriteStateAsync(CancellationToken.None);
    }

    public async Task SetEncryptionAsync(string? keyType, string? keyArn)
    {
        var status = RequireStream();
        if (status != "ACTIVE")
        {
            throw FirehoseErrors.NotActive(GrainKey, _service.AccountId, status);
        }

        if (State.Type != DeliveryStreamTypes.DirectPut)
        {
            throw FirehoseErrors.InvalidArgument($"Server-side encryption is only supported for DirectPut delivery streams; {GrainKey} is {State.Type}.");
        }

        var now = Now();
        State.EncryptionCallsMs.RemoveAll(at => at <= now - DayMs);
        if (State.EncryptionCallsMs.Count >= 25)
        {
            throw FirehoseErrors.LimitExceeded($"Start and StopDeliveryStreamEncryption may be called at most 25 times in 24 hours for delivery stream {GrainKey}.");
        }

        State.EncryptionCallsMs.Add(now);
        if (keyType is null)
        {
            State.EncryptionStatus = State.EncryptionStatus is null ? null : "DISABLING";
        }
        else
        {
            State.EncryptionKeyType = keyType;
            State.EncryptionKeyArn = keyArn;
            State.EncryptionStatus = "ENABLING";
        }

        await _state.WriteStateAsync(CancellationToken.None);
    }

    public async Task<bool> TickAsync(bool force)
    {
        if (!_state.RecordExists)
        {
            return false;
        }

        var now = Now();
        if (State.Status == "DELETING")
        {
            if (now >= State.ActiveAtMs)
            {
                await RemoveAsync();
                return false;
            }

            return true;
        }

        var active = await AdvanceStatusAsync(now);
        if (active && State.KinesisStreamArn is not null && (force || _source.IsPullDue(now)))
        {
            await PullSourceAsync(now);
        }

        if (active && _pendingCount > 0 && (force || IsDue(now)))
        {
            await DeliverPendingAsync();
        }

        return true;
    }

    private async Task PullSourceAsync(long now)
    {
        var (records, bytes, changed) = await KinesisSourceReader.PullAsync(GrainFactory, State, _log!, now, _decryptor, _sealer);
        _source.Pulled(now, more: records > 0 || changed);
        _delivery.Instruments.ReadFromSource(GrainKey, records, bytes);
        if (records > 0)
        {
            if (_pendingCount == 0)
            {
                _oldestPendingMs = now;
            }

            _pendingCount += records;
            _pendingBytes += bytes;
        }

        if (changed)
        {
            await _state.WriteStateAsync(CancellationToken.None);
        }
    }

    private bool IsDue(long now)
        => _pendingBytes >= State.Destination.SizeInMBs * 1024L * 1024
        || now - _oldestPendingMs >= State.Destination.IntervalInSeconds * 1000L;

    private async Task<bool> AdvanceStatusAsync(long now)
    {
        var changed = false;
        if (State.Status == "CREATING" && now >= State.ActiveAtMs)
        {
            State.Status = "ACTIVE";
            changed = true;
        }

        var encryption = EncryptionStatusAt(now);
        if (!string.Equals(encryption, State.EncryptionStatus, StringComparison.Ordinal))
        {
            State.EncryptionStatus = encryption;
            changed = true;
        }

        if (changed)
        {
            await _state.WriteStateAsync(CancellationToken.None);
        }

        return State.Status == "ACTIVE";
    }

    /// <summary>Delivers everything buffered, one object per size hint's worth, moving the checkpoint after each.</summary>
    private async Task DeliverPendingAsync()
    {
        var log = _log!;
        var maxBytes = State.Destination.SizeInMBs * 1024L * 1024;
        while (State.DeliveredOrdinal < log.DurableOrdinal)
        {
            using var batch = await ReadBufferAsync(log, maxBytes);
            if (batch.Count == 0)
            {
                break;
            }

            var context = new DeliveryContext(GrainKey, Arn, _service.Region, State.VersionId, State.Destination, State.KinesisStreamArn);
            try
            {
                await _delivery.DeliverAsync(context, batch, RecordId, GrainFactory);
            }
            catch (Exception error)
            {
                _failure.Failed(error, Now());
                throw;
            }

            _failure.Succeeded();
            long bytes = 0;
            foreach (var record in batch.Records)
            {
                bytes += record.Data.Length;
            }

            State.DeliveredOrdinal = batch.NextOrdinal;
            await _state.WriteStateAsync(CancellationToken.None);
            _pendingCount -= batch.Count;
            _pendingBytes -= bytes;
        }

        _pendingCount = Math.Max(0, log.DurableOrdinal - State.DeliveredOrdinal);
        if (_pendingCount == 0)
        {
            _pendingBytes = 0;
            if (log.NextOrdinal == log.DurableOrdinal)
            {
                await log.TrimAsync(log.LastArrivalTimeMs + 1, CancellationToken.None);
            }
        }
        else
        {
            using var next = await log.ReadAsync(State.DeliveredOrdinal, 1, long.MaxValue, CancellationToken.None);
            _oldestPendingMs = next.Count > 0 ? next.Records[0].ArrivalTimeMs : Now();
        }
    }

    /// <summary>The next buffered records to deliver, sealed ones opened; a record that does not open fails the delivery.</summary>
    private async Task<RecordBatch> ReadBufferAsync(IRecordLog log, long maxBytes)
    {
        var stored = await log.ReadAsync(State.DeliveredOrdinal, int.MaxValue, maxBytes, CancellationToken.None);
        try
        {
            return _sealer.Open(stored, State.LogFolder);
        }
        catch (InvalidDataException error)
        {
            _failure.Failed(error, Now());
            throw;
        }
    }

    private async Task RemoveAsync()
    {
        if (_log is { } log)
        {
            _log = null;
            await log.DisposeAsync();
        }

        await _logs.DeleteStreamAsync(State.LogFolder, CancellationToken.None);
        await GrainFactory.GetGrain<IDeliveryStreamDirectoryGrain>(IDeliveryStreamDirectoryGrain.DefaultKey).RemoveAsync(GrainKey);
        await _state.ClearStateAsync(CancellationToken.None);
        await _schedule.StopAsync(this);
        _source.Stop();
        _pendingBytes = _pendingCount = 0;
        Log.Deleted(_logger, GrainKey);
        DeactivateOnIdle();
    }

    private async Task OpenLogAsync(CancellationToken cancellationToken)
    {
        var log = await _logs.OpenAsync(State.LogFolder, 0, cancellationToken);
        _log = log;
        _pendingCount = _pendingBytes = 0;
        var from = State.DeliveredOrdinal;
        while (from < log.DurableOrdinal)
        {
            using var batch = await log.ReadAsync(from, 10_000, 64L * 1024 * 1024, cancellationToken);
            if (batch.Count == 0)
            {
                break;
            }

            if (_pendingCount == 0)
            {
                _oldestPendingMs = batch.Records[0].ArrivalTimeMs;
            }

            foreach (var record in batch.Records)
            {
                _pendingBytes += DeliveryBufferSealer.DataBytes(record);
            }

            _pendingCount += batch.Count;
            from = batch.NextOrdinal;
        }
    }

    /// <summary>The status, or ResourceNotFoundException when the stream does not exist.</summary>
    private string RequireStream()
    {
        if (!_state.RecordExists || _log is null && State.Status != "DELETING")
        {
            throw FirehoseErrors.NotFound(GrainKey, _service.AccountId);
        }

        return State.Status == "CREATING" && Now() >= State.ActiveAtMs ? "ACTIVE" : State.Status;
    }

    /// <summary>Encryption settles (ENABLING → ENABLED, DISABLING → DISABLED) on the first look after the call.</summary>
    private string? EncryptionStatusAt(long now) => State.EncryptionStatus switch
    {
        "ENABLING" when State.EncryptionCallsMs.Count > 0 && now > State.EncryptionCallsMs[^1] => "ENABLED",
        "DISABLING" when State.EncryptionCallsMs.Count > 0 && now > State.EncryptionCallsMs[^1] => "DISABLED",
        var status => status,
    };

    private string RecordId(long ordinal)
        => State.CreatedMs.ToString("x12", CultureInfo.InvariantCulture) + ordinal.ToString("x16", CultureInfo.InvariantCulture);

    private static string DestinationId => "destinationId-000000000001";

    private long Now() => _time.GetUtcNow().ToUnixTimeMilliseconds();

    private static partial class Log
    {
        [LoggerMessage(EventId = GrainsEventIds.DeliveryStreamCreated, Level = LogLevel.Information, Message = "Delivery stream {Name} created")]
        public static partial void Created(ILogger logger, string name);

        [LoggerMessage(EventId = GrainsEventIds.DeliveryStreamDeleted, Level = LogLevel.Information, Message = "Delivery stream {Name} deleted")]
        public static partial void Deleted(ILogger logger, string name);
    }
}
