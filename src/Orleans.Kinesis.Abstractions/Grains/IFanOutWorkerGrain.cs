using System.Threading.Channels;
using Orleans.Kinesis.Abstractions.Actors;

namespace Orleans.Kinesis.Abstractions.Grains;

/// <summary>
/// Enhanced fan-out delivery (a stateless worker; key: the shard key). Starts one subscription's delivery and hands
/// back its bounded event channel; the delivery runs off the worker's turn, so one slow subscriber never holds up
/// another or the shard's writers.
/// </summary>
public interface IFanOutWorkerGrain : IGrainWithStringKey
{
    /// <summary>
    /// Starts delivering from <see cref="SubscriptionStart.StartOrdinal"/>. The channel ends when the subscription
    /// ends: after its lifetime, after the shard-end event, after an event carrying an error, or when
    /// <paramref name="cancellationToken"/> is cancelled. The reader disposes every event it takes.
    /// </summary>
    Task<ChannelReader<SubscriptionEvent>> SubscribeAsync(SubscriptionStart start, CancellationToken cancellationToken);
}
