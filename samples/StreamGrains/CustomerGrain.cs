using System.Text;
using Orleans.Runtime;
using Orleans.Streaming.Kinesis;
using Orleans.Streams;

namespace StreamGrains;

/// <summary>
/// One grain per customer (the Kinesis partition key). The implicit subscription activates it on the first record of
/// its key in the "orders" namespace; it keeps the orders it has seen, each once (delivery is at least once).
/// </summary>
[ImplicitStreamSubscription(Program.Namespace)]
public sealed class CustomerGrain : Grain, ICustomerGrain
{
    private readonly List<string> _orders = [];
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var stream = this.GetStreamProvider(Program.ProviderName)
            .GetStream<KinesisStreamRecord>(StreamId.Create(Program.Namespace, this.GetPrimaryKeyString()));
        await stream.SubscribeAsync((record, _) =>
        {
            var order = Encoding.UTF8.GetString(record.Data);
            if (_seen.Add(order))
            {
                _orders.Add(order);
            }

            return Task.CompletedTask;
        });
    }

    public Task<List<string>> GetOrdersAsync() => Task.FromResult(_orders.ToList());
}
