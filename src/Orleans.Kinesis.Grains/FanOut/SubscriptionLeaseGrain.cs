using Orleans.Kinesis.Abstractions.Errors;
using Orleans.Kinesis.Abstractions.Grains;

namespace Orleans.Kinesis.Grains.FanOut;

/// <summary>
/// SubscribeToShard's per consumer-and-shard rules, kept in memory (a subscription does not outlive its process).
/// A subscription asks <see cref="IsCurrentAsync"/> before each event, so a takeover ends the one it replaced. The
/// clock is the injected <see cref="TimeProvider"/>.
/// </summary>
[GrainType("subscription-lease")]
public sealed class SubscriptionLeaseGrain : Grain, ISubscriptionLeaseGrain
{
    public const long TakeoverAfterMs = 5_000;
    public const long MinCallIntervalMs = 1_000;

    private readonly TimeProvider _time;
    private long _lease;
    private bool _active;
    private long _startedMs;
    private long _lastCallMs = long.MinValue / 2;

    public SubscriptionLeaseGrain(TimeProvider time)
    {
        _time = time;
    }

    public Task<long> AcquireAsync(string consumerArn, string shardId)
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

        // Refused calls do not count: a client retrying a refused call gets in once the second is over. The
        // subscription holding the previous lease learns it is no longer current and ends with ResourceInUseException.
        _lastCallMs = now;
        _lease++;
        _active = true;
        _startedMs = now;
        return Task.FromResult(_lease);
    }

    public Task ReleaseAsync(long lease)
    {
        if (lease == _lease)
        {
            _active = false;
        }

        return Task.CompletedTask;
    }

    public Task<bool> IsCurrentAsync(long lease) => Task.FromResult(lease == _lease);
}
