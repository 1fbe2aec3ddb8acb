using Orleans.Kinesis.Client;
using Orleans.Kinesis.Client.Consumer;
using Orleans.Kinesis.Client.Consumer.Leases;
using Orleans.Kinesis.Client.Producer;

namespace Orleans.Streaming.Kinesis.Options;

/// <summary>Settings of one Kinesis stream provider: which Kinesis stream, how to reach it, where checkpoints live.</summary>
public sealed class KinesisStreamOptions
{
    /// <summary>The Kinesis stream read and written (it must exist).</summary>
    public string StreamName { get; set; } = "";

    /// <summary>
    /// The Orleans stream namespace of the records (default: <see cref="StreamName"/>). A record becomes an event of the
    /// Orleans stream (namespace, partition key); <c>OnNextAsync</c> on (namespace, key) writes a record with that key.
    /// </summary>
    public string? StreamNamespace { get; set; }

    /// <summary>Endpoint, region and credentials of the Kinesis service.</summary>
    public KinesisClientOptions Client { get; set; } = new();

    /// <summary>How records written through <c>OnNextAsync</c> are batched and aggregated (KPL settings).</summary>
    public KinesisProducerOptions Producer { get; set; } = new() { RecordMaxBufferedTime = TimeSpan.FromMilliseconds(20) };

    /// <summary>
    /// The Orleans queues (pulling agents) the stream's hash-key space is divided into; a shard belongs to the queue
    /// that holds its starting hash key, so a queue reads zero or more shards and follows resharding.
    /// </summary>
    public int QueueCount { get; set; } = 8;

    /// <summary>
    /// Where the per-shard checkpoints live. Silos of one cluster must share it (<see cref="BlobLeaseStore"/> or a
    /// <see cref="FileLeaseStore"/> on a shared disk); the default, one <see cref="InMemoryLeaseStore"/> per silo, suits
    /// a single silo that may re-read from <see cref="InitialPosition"/> after a restart.
    /// </summary>
    public ILeaseStore? CheckpointStore { get; set; }

    /// <summary>Where a shard without a checkpoint is read from: TRIM_HORIZON (default) or LATEST.</summary>
    public ExtendedSequenceNumber InitialPosition { get; set; } = ExtendedSequenceNumber.TrimHorizon;

    /// <summary>How often a queue lists the stream's shards to find new ones (after a split or merge).</summary>
    public TimeSpan ShardSyncInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often a child shard re-checks whether its parents have been read to their end.</summary>
    public TimeSpan ParentShardPollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Maximum records a GetRecords call asks for (10,000 at most, as on AWS).</summary>
    public int MaxRecordsPerRead { get; set; } = 1000;

    internal string Namespace => StreamNamespace ?? StreamName;

    internal void Validate(string providerName)
    {
        if (string.IsNullOrWhiteSpace(StreamName))
        {
            throw new InvalidOperationException($"Kinesis stream provider '{providerName}': StreamName is required.");
        }

        if (QueueCount is < 1 or > 1024)
        {
            throw new InvalidOperationException($"Kinesis stream provider '{providerName}': QueueCount must be between 1 and 1024, not {QueueCount}.");
        }

        if (InitialPosition != ExtendedSequenceNumber.TrimHorizon && InitialPosition != ExtendedSequenceNumber.Latest)
        {
            throw new InvalidOperationException($"Kinesis stream provider '{providerName}': InitialPosition must be TRIM_HORIZON or LATEST.");
        }

        if (MaxRecordsPerRead is < 1 or > 10_000)
        {
            throw new InvalidOperationException($"Kinesis stream provider '{providerName}': MaxRecordsPerRead must be between 1 and 10000.");
        }
    }
}
