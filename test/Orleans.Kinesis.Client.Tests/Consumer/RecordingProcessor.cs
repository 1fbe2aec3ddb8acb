using Orleans.Kinesis.Client.Consumer;

namespace Orleans.Kinesis.Client.Tests.Consumer;

/// <summary>Logs every record and lifecycle call, checkpoints after every batch and at shard end.</summary>
public sealed class RecordingProcessor(DeliveryLog log, string worker) : IRecordProcessor
{
    private string _shard = "";

    public Task InitializeAsync(InitializationInput input, CancellationToken cancellationToken)
    {
        _shard = input.ShardId;
        log.Event(_shard, "initialize@" + input.Checkpoint, worker);
        return Task.CompletedTask;
    }

    public async Task ProcessRecordsAsync(ProcessRecordsInput input, CancellationToken cancellationToken)
    {
        foreach (var record in input.Records)
        {
            log.Add(input.ShardId, record, worker);
        }

        await input.Checkpointer.CheckpointAsync(cancellationToken);
    }

    public Task LeaseLostAsync(LeaseLostInput input, CancellationToken cancellationToken)
    {
        log.Event(_shard, "leaseLost", worker);
        return Task.CompletedTask;
    }

    public async Task ShardEndedAsync(ShardEndedInput input, CancellationToken cancellationToken)
    {
        await input.Checkpointer.CheckpointAsync(cancellationToken);
        log.Event(_shard, "shardEnded", worker);
    }

    public async Task ShutdownRequestedAsync(ShutdownRequestedInput input, CancellationToken cancellationToken)
    {
        await input.Checkpointer.CheckpointAsync(cancellationToken);
        log.Event(_shard, "shutdown", worker);
    }
}
