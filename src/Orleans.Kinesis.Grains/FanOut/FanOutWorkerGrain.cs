using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Kinesis.Abstractions.Actors;
using Orleans.Kinesis.Abstractions.Grains;
using Orleans.Kinesis.Abstractions.Options;
using Orleans.Kinesis.Actors.Core;
using Orleans.Kinesis.Actors.Streams;

namespace Orleans.Kinesis.Grains.FanOut;

/// <summary>
/// Starts SubscribeToShard deliveries. A stateless worker, so starts for one shard spread over a local pool; each
/// delivery then runs on its own loop (<see cref="ShardSubscription"/>) outside the worker's turns.
/// </summary>
[StatelessWorker]
public sealed class FanOutWorkerGrain : Grain, IFanOutWorkerGrain
{
    private readonly IStreamProvider _streams;
    private readonly TimeProvider _time;
    private readonly ILogger<FanOutWorkerGrain> _logger;
    private readonly string _account;
    private readonly bool _limitRate;
    private readonly TimeSpan _lifetime;

    public FanOutWorkerGrain(IStreamProvider streams, TimeProvider time, IOptions<KinesisServiceOptions> options, ILogger<FanOutWorkerGrain> logger)
    {
        _streams = streams;
        _time = time;
        _logger = logger;
        _account = options.Value.AccountId;
        _limitRate = options.Value.EnforceThroughputLimits;
        _lifetime = options.Value.SubscriptionLifetime;
    }

    public Task<ChannelReader<SubscriptionEvent>> SubscribeAsync(SubscriptionStart start, CancellationToken cancellationToken)
    {
        var subscription = new ShardSubscription(start, GrainFactory, _streams, _time, _account, _limitRate, _lifetime, _logger, cancellationToken);
        subscription.Start();
        return Task.FromResult(subscription.Events);
    }
}
