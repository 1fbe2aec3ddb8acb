using Microsoft.Extensions.Logging;
using Orleans.Kinesis.Client;
using Orleans.Kinesis.Client.Consumer.Leases;
using Orleans.Kinesis.Client.Producer;
using Orleans.Runtime;
using Orleans.Streaming.Kinesis.Options;
using Orleans.Streams;

namespace Orleans.Streaming.Kinesis.Streams;

/// <summary>
/// Writes Orleans stream events as Kinesis records (partition key = the stream's key, through the aggregating
/// <see cref="KinesisProducer"/>) and creates one receiver per queue.
/// </summary>
internal sealed class KinesisQueueAdapter(
    string name, KinesisStreamOptions options, KinesisClient client, KinesisProducer producer, ILeaseStore store, ILoggerFactory loggers, TimeProvider time) : IQueueAdapter
{
    public string Name => name;

    public bool IsRewindable => false;

    public StreamProviderDirection Direction => StreamProviderDirection.ReadWrite;

    public IQueueAdapterReceiver CreateReceiver(QueueId queueId)
        => new KinesisQueueReceiver(queueId, client, store, options, time, loggers.CreateLogger<KinesisQueueReceiver>());

    public async Task QueueMessageBatchAsync<T>(StreamId streamId, IEnumerable<T> events, StreamSequenceToken? token, Dictionary<string, object>? requestContext)
    {
        if (token is not null)
        {
            throw new ArgumentException("Kinesis assigns sequence numbers: events cannot be written with a sequence token.", nameof(token));
        }

        var streamNamespace = streamId.GetNamespace();
        if (!string.Equals(streamNamespace, options.Namespace, StringComparison.Ordinal))
        {
            throw new ArgumentException($"Stream provider '{name}' writes the namespace '{options.Namespace}' (Kinesis stream {options.StreamName}), not '{streamNamespace}'.", nameof(streamId));
        }

        var partitionKey = streamId.GetKeyAsString();
        var puts = new List<Task<UserRecordResult>>();
        foreach (var item in events)
        {
            puts.Add(producer.AddUserRecordAsync(options.StreamName, partitionKey, EventCodec.Encode(item)));
        }

        await Task.WhenAll(puts).ConfigureAwait(false);
    }
}
