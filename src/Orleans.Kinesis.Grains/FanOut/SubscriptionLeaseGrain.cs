using Orleans.Kinesis.Abstractions.Errors;
using Orleans.Kinesis.Abstractions.Grains;
using Orleans.Kinesis.Actors.Core;
using Orleans.Kinesis.Actors.Streams;

namespace Orleans.Kinesis.Grains.FanOut;

/// <summary>
/// SubscribeToShard's per consumer-and-shard rules, kept in memory (a subscription does not outlive its process).
/// The clock is the injected <see cref="TimeProvider"/>.
/// </summary>
public sealed class SubscriptionLeaseGrain : Grain, ISubscriptionLeaseGrain
{
    public const long TakeoverAfterMs = 5_000;
    public const long MinCallIntervalMs = 1_000;

    private readonly TimeProvider _time;
    private readonly IStreamProvider _streams;
    private long _lease;
    private bool _active;
    private long _startedMs;
    private long _lastCallMs = long.MinValue / 2;

    public SubscriptionLeaseGrain(TimeProvider time, IStreamProvider streams)
    {
        _time = time;
        _streams = streams;
    }

    public async Task<long> AcquireAsync(string consumerArn, string shardId)
    {
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        if (_active && now - _startedMs < TakeoverAfterMs)
        {
            throw new KinesisException(KinesisErrors.ResourceInUse,
                $"Another active subscription exists for consumer {consumerArn} on shard {shardId}; a new one may take over 5 seconds after it started.");
        }

        if (now - _lastCallMs < MinCallIntervalMs)
        {
            throw KinesisErrors.LimitExceededError($"Rate exceeded for consumer {consumerArn} and shard {shardId}: at most 1 SubscribeToShard call per second.");
        }

        // Refused calls do not count: a client retrying a refused call gets in once the second is over.
        _lastCallMs = now;
        var takesOver = _active;
        _lease++;
        _active = true;
        _startedMs = now;
        if (takesOver)
        {
            // The subscription holding the previous lease hears this and ends with ResourceInUseException.
            await _streams.GetStream<long>(FanOutStreams.Leases(GrainKey)).OnNextAsync(_lease, CancellationToken.None);
        }

        return _lease;
    }

    public Task ReleaseAsync(long lease)
    {
        if (lease == _lease)
        {
            _active = false;
        }

        return Task.CompletedTask;
    }
}
