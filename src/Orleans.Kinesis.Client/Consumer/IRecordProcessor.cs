namespace Orleans.Kinesis.Client.Consumer;

/// <summary>
/// The application's code for one shard (spec b.8): initialize, then process records, then exactly one of lease
/// lost, shard ended (must checkpoint) or shutdown requested (may checkpoint).
/// </summary>
public interface IRecordProcessor
{
    Task InitializeAsync(InitializationInput input, CancellationToken cancellationToken);

    Task ProcessRecordsAsync(ProcessRecordsInput input, CancellationToken cancellationToken);

    /// <summary>The lease went to another worker or expired: no checkpoint is possible any more.</summary>
    Task LeaseLostAsync(LeaseLostInput input, CancellationToken cancellationToken);

    /// <summary>The shard is closed and every record was delivered: call <c>CheckpointAsync()</c> so children can start.</summary>
    Task ShardEndedAsync(ShardEndedInput input, CancellationToken cancellationToken);

    /// <summary>The worker is stopping: checkpoint what was processed.</summary>
    Task ShutdownRequestedAsync(ShutdownRequestedInput input, CancellationToken cancellationToken);
}
