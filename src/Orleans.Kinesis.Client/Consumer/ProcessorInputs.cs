using Orleans.Kinesis.Client.Aggregation;
using Orleans.Kinesis.Client.Model;

namespace Orleans.Kinesis.Client.Consumer;

/// <summary>Where a processor starts: its shard and the last checkpoint.</summary>
public sealed record InitializationInput(string ShardId, ExtendedSequenceNumber Checkpoint);

/// <summary>A batch of de-aggregated records and the checkpointer of the shard.</summary>
public sealed record ProcessRecordsInput(
    string ShardId,
    IReadOnlyList<KinesisClientRecord> Records,
    ICheckpointer Checkpointer,
    long? MillisBehindLatest,
    bool IsAtShardEnd,
    IReadOnlyList<ChildShard>? ChildShards);

public sealed record LeaseLostInput(string ShardId);

public sealed record ShardEndedInput(string ShardId, ICheckpointer Checkpointer);

public sealed record ShutdownRequestedInput(string ShardId, ICheckpointer Checkpointer);
