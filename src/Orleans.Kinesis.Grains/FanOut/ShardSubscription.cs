using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Orleans.Kinesis.Abstractions.Actors;
using Orleans.Kinesis.Abstractions.Errors;
using Orleans.Kinesis.Abstractions.Grains;
using Orleans.Kinesis.Abstractions.Ids;
using Orleans.Kinesis.Actors.Streams;

namespace Orleans.Kinesis.Grains.FanOut;

/// <summary>
/// One SubscribeToShard subscription's delivery loop. It always reads from the shard's log (the hot tail, normally),
/// so a subscriber that fell behind simply reads on until it is caught up; appends only wake it. Events go into a
/// bounded channel: a slow reader holds up only this loop. Heartbeats, the lifetime and the 2 MiB/s budget follow
/// the injected <see cref="TimeProvider"/>.
/// </summary>
internal sealed partial class ShardSubscription
{
    public static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(5);
    public const long BytesPerSecond = 2L * 1024 * 1024;
    public const long MaxEventBytes = 1024L * 1024;
    public const int MaxEventRecords = 10_000;

    private static readonly StreamSubscriptionOptions WakeOptions = new() { Capacity = 64, Overflow = StreamOverflowMode.Disconnect };

    private readonly SubscriptionStart _start;
    private readonly IGrainFactory _grains;
    private readonly IStreamProvider _streams;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly string _account;
    private readonly bool _limitRate;
    private readonly TimeSpan _lifetime;
    private readonly CancellationToken _cancellation;
    private readonly Channel<SubscriptionEvent> _events = Channel.CreateBounded<SubscriptionEvent>(
        new BoundedChannelOptions(2) { SingleWriter = true, FullMode = BoundedChannelFullMode.Wait });

    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { SingleReader = true, FullMode = BoundedChannelFullMode.DropWrite });

    private StreamSubscription? _appended;
    private StreamSubscription? _leases;
    private StreamSubscription? _deregistered;
    private volatile KinesisException? _ended;
    private long _windowStartMs;
    private long _windowBytes;

    public ShardSubscription(SubscriptionStart start, IGrainFactory grains, IStreamProvider streams, TimeProvider time, string account, bool limitRate, TimeSpan lifetime, ILogger logger, CancellationToken cancellation)
    {
        _limitRate = limitRate;
        _lifetime = lifetime;
        _start = start;
        _grains = grains;
        _streams = streams;
        _time = time;
        _account = account;
        _logger = logger;
        _cancellation = cancellation;
    }

    public ChannelReader<SubscriptionEvent> Events => _events.Reader;

    /// <summary>Subscribes to the wake-ups before returning, so no append or takeover after this call is missed.</summary>
    public void Start()
    {
        _appended = SubscribeToAppends();
        _leases = _streams.GetStream<long>(FanOutStreams.Leases(_start.LeaseKey)).Subscribe(OnLeaseAsync);
        _deregistered = _streams.GetStream<string>(FanOutStreams.Deregistered).Subscribe(OnDeregisteredAsync);
        _ = Task.Run(RunAsync, CancellationToken.None);
    }

    private StreamSubscription SubscribeToAppends()
        => _streams.GetStream<long>(FanOutStreams.Appended(_start.ShardKey)).Subscribe(OnAppendedAsync, WakeOptions);

    private ValueTask OnAppendedAsync(long durableOrdinal, CancellationToken cancellationToken)
    {
        _wake.Writer.TryWrite(true);
        return ValueTask.CompletedTask;
    }

    private ValueTask OnLeaseAsync(long lease, CancellationToken cancellationToken)
    {
        if (lease > _start.Lease)
        {
            _ended = new KinesisException(KinesisErrors.ResourceInUse,
                $"Another subscription of consumer {_start.ConsumerArn} took over shard {new ShardId(_start.ShardIndex)}.");
            _wake.Writer.TryWrite(true);
        }

        return ValueTask.CompletedTask;
    }

    private ValueTask OnDeregisteredAsync(string consumerArn, CancellationToken cancellationToken)
    {
        if (string.Equals(consumerArn, _start.ConsumerArn, StringComparison.Ordinal))
        {
            _ended = KinesisErrors.ConsumerNotFound(consumerArn, _start.StreamName, _account);
            _wake.Writer.TryWrite(true);
        }

        return ValueTask.CompletedTask;
    }

    private async Task RunAsync()
    {
        var shard = _grains.GetGrain<IShardGrain>(_start.ShardKey);
        var position = _start.StartOrdinal;
        var startedMs = Now();
        var expiresMs = startedMs + (long)_lifetime.TotalMilliseconds;
        var heartbeatDueMs = startedMs; // the first event goes out at once
        _windowStartMs = startedMs;
        try
        {
            while (true)
            {
                _cancellation.ThrowIfCancellationRequested();
                _wake.Reader.TryRead(out _);
                if (_ended is { } ended)
                {
                    await EmitAsync(SubscriptionEvent.Failed(ended, position));
                    return;
                }

                if (_appended!.Completion.IsCompleted)
                {
                    // Its wake-up buffer overflowed: subscribe again; reading from the log covers what was missed.
                    await _appended.DisposeAsync();
                    _appended = SubscribeToAppends();
                }

                var now = Now();
                if (now >= expiresMs)
                {
                    return;
                }

                var budget = Budget(now);
                if (budget <= 0)
                {
                    await WaitAsync(_windowStartMs + 1000 - now, wakeable: false);
                    continue;
                }

                var read = await shard.ReadForSubscriptionAsync(position, MaxEventRecords, Math.Min(budget, MaxEventBytes));
                var records = read.Records;
                var positions = read.Positions;
                var shardEnded = positions.EndingOrdinal is { } ending && records.NextOrdinal >= ending;
                if (records.Count == 0 && !shardEnded && now < heartbeatDueMs)
                {
                    read.Dispose();
                    await WaitAsync(Math.Min(heartbeatDueMs, expiresMs) - now, wakeable: true);
                    continue;
                }

                long bytes = 0;
                foreach (var record in records.Records)
                {
                    bytes += record.PartitionKey.Length + record.Data.Length;
                }

                _windowBytes += bytes;
                var behind = records.Count > 0 && records.NextOrdinal < positions.DurableOrdinal
                    ? Math.Max(0, positions.LastArrivalTimeMs - records.Records[^1].ArrivalTimeMs)
                    : 0;
                position = records.NextOrdinal;
                await EmitAsync(SubscriptionEvent.Data(records, behind, shardEnded));
                heartbeatDueMs = Now() + (long)HeartbeatInterval.TotalMilliseconds;
                if (shardEnded)
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (_cancellation.IsCancellationRequested)
        {
            // The client went away.
        }
        catch (KinesisException error)
        {
            await TryEmitAsync(SubscriptionEvent.Failed(error, position));
        }
        catch (Exception exception)
        {
            Log.DeliveryFailed(_logger, _start.ShardKey, _start.ConsumerArn, exception);
            await TryEmitAsync(SubscriptionEvent.Failed(new KinesisException("InternalFailureException", "Internal service failure.", 500), position));
        }
        finally
        {
            await EndAsync();
        }
    }

    /// <summary>Bytes this subscription may still send in the current one-second window (unbounded with limits off).</summary>
    private long Budget(long now)
    {
        if (!_limitRate)
        {
            return MaxEventBytes;
        }

        if (now - _windowStartMs >= 1000)
        {
            _windowStartMs = now;
            _windowBytes = 0;
        }

        return BytesPerSecond - _windowBytes;
    }

    private async ValueTask EmitAsync(SubscriptionEvent item)
    {
        try
        {
            await _events.Writer.WriteAsync(item, _cancellation);
        }
        catch
        {
            item.Dispose();
            throw;
        }
    }

    private async ValueTask TryEmitAsync(SubscriptionEvent item)
    {
        try
        {
            await EmitAsync(item);
        }
        catch (OperationCanceledException)
        {
            // The client went away; nobody is left to tell.
        }
    }

    /// <summary>Waits up to <paramref name="delayMs"/> on the injected clock or, when wakeable, until an append or takeover.</summary>
    private async Task WaitAsync(long delayMs, bool wakeable)
    {
        if (delayMs <= 0)
        {
            return;
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(delayMs), _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(_cancellation, timeout.Token);
        try
        {
            if (wakeable)
            {
                await _wake.Reader.WaitToReadAsync(linked.Token);
            }
            else
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, _time, linked.Token);
            }
        }
        catch (OperationCanceledException) when (!_cancellation.IsCancellationRequested)
        {
            // The delay elapsed.
        }
    }

    private async Task EndAsync()
    {
        _events.Writer.TryComplete();
        if (_cancellation.IsCancellationRequested)
        {
            while (_events.Reader.TryRead(out var left))
            {
                left.Dispose();
            }
        }

        await _appended!.DisposeAsync();
        await _leases!.DisposeAsync();
        await _deregistered!.DisposeAsync();
        try
        {
            await _grains.GetGrain<ISubscriptionLeaseGrain>(_start.LeaseKey).ReleaseAsync(_start.Lease);
        }
        catch (Exception exception)
        {
            Log.DeliveryFailed(_logger, _start.ShardKey, _start.ConsumerArn, exception);
        }
    }

    private long Now() => _time.GetUtcNow().ToUnixTimeMilliseconds();

    private static partial class Log
    {
        [LoggerMessage(EventId = GrainsEventIds.FanOutDeliveryFailed, Level = LogLevel.Warning, Message = "Fan-out delivery of shard {ShardKey} to consumer {ConsumerArn} failed")]
        public static partial void DeliveryFailed(ILogger logger, string shardKey, string consumerArn, Exception exception);
    }
}
