using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Kinesis.Abstractions.Encryption;
using Orleans.Kinesis.Abstractions.Errors;
using Orleans.Kinesis.Abstractions.Grains;
using Orleans.Kinesis.Abstractions.Ids;
using Orleans.Kinesis.Abstractions.Options;
using Orleans.Kinesis.Abstractions.Records;
using Orleans.Kinesis.Grains.Appends;
using Orleans.Kinesis.Storage.Hosting;
using Orleans.Kinesis.Storage.Logs;
using Orleans.Runtime;

namespace Orleans.Kinesis.Grains.Shards;

/// <summary>
/// One shard and its record log. Appends interleave at their durability await, so the appends of concurrent
/// requests are numbered in turn order and share one flush; each completes only once its records are durable.
/// While its relay has readers waiting (it arms the shard through <see cref="IShardAppendsSource"/>), the next durable
/// flush or the close publishes one notice on the shard's <see cref="ShardAppendsStream"/>, which wakes those readers
/// on any node; a shard nobody waits on publishes nothing. Reads copy records out of the log into owned memory, so
/// nothing handed out refers to the log's pooled buffers or hot tail.
/// </summary>
[GrainType("shard")]
[Orleans.Placement.RandomPlacement] // shards spread over the nodes of a cluster
public sealed partial class ShardGrain : Grain, IShardGrain, IShardAppendsSource
{
    /// <summary>The grain's string key.</summary>
    private string GrainKey => this.GetPrimaryKeyString();

    private readonly IPersistentState<ShardGrainState> _state;
    private readonly IRecordLogStore _logs;
    private readonly KinesisServiceOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<ShardGrain> _logger;
    private readonly ShardThroughput? _throughput;
    private readonly HotShardMeter _heat;
    private readonly ShardSealer _sealer;
    private ShardAppendsPublisher? _appends;
    private IRecordLog? _log;
    private IDisposable? _trimTimer;

    public ShardGrain(
        [PersistentState("shard", GrainStorageSiloBuilderExtensions.ProviderName)] IPersistentState<ShardGrainState> state,
        IRecordLogStore logs,
        IOptions<KinesisServiceOptions> options,
        TimeProvider time,
        ILogger<ShardGrain> logger,
        RecordCipher cipher)
    {
        _sealer = new ShardSealer(cipher);
        _state = state;
        _logs = logs;
        _options = options.Value;
        _time = time;
        _logger = logger;
        _throughput = _options.EnforceThroughputLimits ? new ShardThroughput(time) : null;
        _heat = new HotShardMeter(_options.OnDemandSplitWindowSeconds, _options.OnDemandSplitBytesPerSecond, _options.OnDemandSplitRecordsPerSecond);
    }

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var stream = this.GetStreamProvider(ShardAppendsStream.ProviderName).GetStream<ShardAppended>(ShardAppendsStream.Of(GrainKey));
        _appends = new ShardAppendsPublisher(stream, _logger, GrainKey);
        if (_state.RecordExists)
        {
            await OpenLogAsync(cancellationToken);
        }
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_log is { } log)
        {
            _log = null;
            await log.DisposeAsync();
        }
    }

    public async Task InitializeAsync(ShardDescriptor descriptor, int retentionPeriodHours)
    {
        if (_state.RecordExists)
        {
            return;
        }

        var slash = GrainKey.LastIndexOf('/');
        var folder = GrainKey[..slash];
        _state.State = new ShardGrainState
        {
            StreamName = folder[..folder.LastIndexOf('.')],
            StorageFolder = folder,
            Index = descriptor.Index,
            EndingOrdinal = descriptor.EndingOrdinal,
            RetentionPeriodHours = retentionPeriodHours,
        };
        await _state.WriteStateAsync(CancellationToken.None);
        await OpenLogAsync(CancellationToken.None);
    }

    public async Task SetRetentionPeriodAsync(int hours)
    {
        if (!_state.RecordExists || _state.State.RetentionPeriodHours == hours)
        {
            return;
        }

        _state.State.RetentionPeriodHours = hours;
        await _state.WriteStateAsync(CancellationToken.None);
        await TrimAsync(CancellationToken.None);
    }

    public async Task<ShardAppendResult> AppendAsync(ShardAppend append)
    {
        ReadOnlyMemory<RecordEntry> records = append.Records;
        var log = RequireLog();
        if (_state.State.EndingOrdinal is not null)
        {
            throw KinesisErrors.ShardClosedError(new ShardId(_state.State.Index).ToString());
        }

        var accepted = _throughput is { } limits ? limits.AdmitWrites(records.Span) : records.Length;
        if (accepted == 0)
        {
            return new ShardAppendResult(log.NextOrdinal, 0);
        }

        var nowMs = _time.GetUtcNow().ToUnixTimeMilliseconds();
        var appended = append.EncryptionKeyArn is null
            ? log.Append(records.Span[..accepted], nowMs)
            : _sealer.Append(log, append, records.Span[..accepted], _state.State, nowMs);
        if (_heat.Record(nowMs, accepted, PayloadBytes(records.Span[..accepted])))
        {
            _heat.Reset();
            _ = ReportHotAsync(); // not awaited: the stream grain calls shards while it reshards
        }

        await appended.Durable;

        // Publishes only when the relay armed the shard, and then once for all the appends that shared the flush.
        _appends?.Notify(log.DurableOrdinal, closed: false);
        return new ShardAppendResult(appended.FirstOrdinal, accepted);
    }

    public async Task<long> CloseAsync()
    {
        var log = RequireLog();
        if (_state.State.EndingOrdinal is { } closed)
        {
            return closed;
        }

        // Set before the first await: appends interleave with this call, and every one that runs from here on sees
        // the shard closed, while those that already took ordinals below the ending finish normally.
        var ending = log.NextOrdinal;
        _state.State.EndingOrdinal = ending;
        await _state.WriteStateAsync(CancellationToken.None);
        await log.FlushAsync(CancellationToken.None);
        _appends?.Notify(log.DurableOrdinal, closed: true);
        Log.ShardClosed(_logger, GrainKey, ending);
        return ending;
    }

    public async Task<ShardReadResult> ReadAsync(long fromOrdinal, int maxRecords, long maxBytes)
    {
        var log = RequireLog();
        if (_throughput is { } limits && !limits.TryAdmitRead())
        {
            var folder = GrainKey[..GrainKey.LastIndexOf('/')];
            throw KinesisErrors.RateExceeded(new ShardId(_state.State.Index).ToString(), folder[..folder.LastIndexOf('.')], _options.AccountId);
        }

        var result = await ReadRetainedAsync(log, fromOrdinal, maxRecords, maxBytes);
        if (_throughput is { } read)
        {
            long bytes = 0;
            foreach (var record in result.Records.Items)
            {
                bytes += RecordFlags.PayloadBytes(record.PartitionKey.Length, record.Data.Length, record.Flags);
            }

            read.RecordRead(bytes);
        }

        return result;
    }

    public Task<ShardReadResult> ReadForSubscriptionAsync(long fromOrdinal, int maxRecords, long maxBytes)
        => ReadRetainedAsync(RequireLog(), fromOrdinal, maxRecords, maxBytes);

    public Task<ShardAppended> ArmAsync()
    {
        // Closed only once the close is durable: until then the close itself publishes (the shard is armed now).
        var durable = _log?.DurableOrdinal ?? 0;
        var closed = _state.State.EndingOrdinal is { } ending && durable >= ending;
        return Task.FromResult(_appends!.Arm(durable, closed));
    }

    public Task<ShardPositions> GetPositionsAsync() => Task.FromResult(Positions(RequireLog()));

    public async Task<long> FindByArrivalTimeAsync(long arrivalTimeMs)
        => await RequireLog().FindByArrivalTimeAsync(Math.Max(arrivalTimeMs, RetentionCutoffMs()), CancellationToken.None);

    public async Task DeleteAsync()
    {
        if (_log is { } log)
        {
            _log = null;
            await log.DisposeAsync();
        }

        if (_state.RecordExists)
        {
            await _state.ClearStateAsync(CancellationToken.None);
        }

        Log.ShardDeleted(_logger, GrainKey);
        DeactivateOnIdle();
    }

    private async Task<ShardReadResult> ReadRetainedAsync(IRecordLog log, long fromOrdinal, int maxRecords, long maxBytes)
    {
        // Records past the retention period are gone as far as readers can tell, even before their segment is removed.
        var horizon = await log.FindByArrivalTimeAsync(RetentionCutoffMs(), CancellationToken.None);
        using var records = await log.ReadAsync(Math.Max(fromOrdinal, horizon), maxRecords, maxBytes, CancellationToken.None);
        return new ShardReadResult(OwnedRecords.Copy(records), Positions(log));
    }

    private static long PayloadBytes(ReadOnlySpan<RecordEntry> records)
    {
        long bytes = 0;
        foreach (var record in records)
        {
            bytes += RecordFlags.PayloadBytes(record.PartitionKey.Length, record.Data.Length, record.Flags);
        }

        return bytes;
    }

    private async Task ReportHotAsync()
    {
        try
        {
            await GrainFactory.GetGrain<IStreamGrain>(_state.State.StreamName).ReportHotShardAsync(_state.State.Index);
        }
        catch (Exception exception)
        {
            Log.HotShardReportFailed(_logger, GrainKey, exception);
        }
    }

    private long RetentionCutoffMs()
        => _time.GetUtcNow().ToUnixTimeMilliseconds() - (_state.State.RetentionPeriodHours * 3_600_000L);

    private async Task TrimAsync(CancellationToken cancellationToken)
    {
        if (_log is { } log)
        {
            await log.TrimAsync(RetentionCutoffMs(), cancellationToken);
        }
    }

    private ShardPositions Positions(IRecordLog log)
        => new(log.FirstOrdinal, log.DurableOrdinal, log.LastArrivalTimeMs, _state.State.EndingOrdinal);

    private IRecordLog RequireLog()
    {
        if (_log is { } log)
        {
            return log;
        }

        // The shard was never created or its stream was deleted: the stream this key belongs to is gone.
        var folder = GrainKey[..GrainKey.LastIndexOf('/')];
        throw KinesisErrors.StreamNotFound(folder[..folder.LastIndexOf('.')], _options.AccountId);
    }

    private async Task OpenLogAsync(CancellationToken cancellationToken)
    {
        _log = await _logs.OpenAsync(_state.State.StorageFolder, _state.State.Index, cancellationToken);
        _trimTimer ??= this.RegisterGrainTimer(TrimAsync, TimeSpan.Zero, _options.RetentionTrimInterval);
        Log.ShardLogOpened(_logger, GrainKey, _log.FirstOrdinal, _log.NextOrdinal);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = GrainsEventIds.ShardLogOpened, Level = LogLevel.Debug, Message = "Shard {ShardKey} opened its log at ordinals {First}..{Next}")]
        public static partial void ShardLogOpened(ILogger logger, string shardKey, long first, long next);

        [LoggerMessage(EventId = GrainsEventIds.ShardClosed, Level = LogLevel.Information, Message = "Shard {ShardKey} closed at ordinal {Ending}")]
        public static partial void ShardClosed(ILogger logger, string shardKey, long ending);

        [LoggerMessage(EventId = GrainsEventIds.HotShardReportFailed, Level = LogLevel.Warning, Message = "Shard {ShardKey} could not report its write rate to its stream")]
        public static partial void HotShardReportFailed(ILogger logger, string shardKey, Exception exception);

        [LoggerMessage(EventId = GrainsEventIds.ShardDeleted, Level = LogLevel.Debug, Message = "Shard {ShardKey} deleted")]
        public static partial void ShardDeleted(ILogger logger, string shardKey);
    }
}
