using Orleans.Runtime;
using Orleans.Streaming.Kinesis.Tests.Infrastructure;
using Orleans.Streams;

namespace Orleans.Streaming.Kinesis.Tests.Grains;

/// <summary>Implicitly subscribed to the stream of its key in <see cref="KinesisCluster.Namespace"/>; logs every record it gets.</summary>
[ImplicitStreamSubscription(KinesisCluster.Namespace)]
[GrainType("kinesis-test-record-sink")]
public sealed class RecordSinkGrain : Grain, IRecordSinkGrain
{
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var key = this.GetPrimaryKeyString();
        var stream = this.GetStreamProvider(KinesisCluster.ProviderName).GetStream<KinesisStreamRecord>(StreamId.Create(KinesisCluster.Namespace, key));
        await stream.SubscribeAsync((record, _) =>
        {
            Deliveries.Add(key, record);
            return Task.CompletedTask;
        });
    }

    public Task PingAsync() => Task.CompletedTask;
}
