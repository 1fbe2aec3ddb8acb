using Orleans.Kinesis.Client.Consumer;

namespace ProducerConsumer;

/// <summary>Marks every record of this run as seen and checkpoints after each batch and at shard end.</summary>
internal sealed class VerifyingProcessor(Tally tally) : IRecordProcessor
{
    public Task InitializeAsync(InitializationInput input, CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task ProcessRecordsAsync(ProcessRecordsInput input, CancellationToken cancellationToken)
    {
        foreach (var record in input.Records)
        {
            tally.See(record.Data.Span);
        }

        await input.Checkpointer.CheckpointAsync(cancellationToken);
    }

    public Task LeaseLostAsync(LeaseLostInput input, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task ShardEndedAsync(ShardEndedInput input, CancellationToken cancellationToken) => input.Checkpointer.CheckpointAsync(cancellationToken);

    public Task ShutdownRequestedAsync(ShutdownRequestedInput input, CancellationToken cancellationToken) => input.Checkpointer.CheckpointAsync(cancellationToken);
}
