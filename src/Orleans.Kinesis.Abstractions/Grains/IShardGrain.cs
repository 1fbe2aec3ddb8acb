using Orleans.Concurrency;

namespace Orleans.Kinesis.Abstractions.Grains;

/// <summary>
/// One shard: owns its record log. Key: <see cref="StreamStorage.ShardKey"/>. Appends from concurrent requests
/// interleave so that they share one flush; every append completes only once its records are durable.
/// </summary>
[Alias("kinesis.IShardGrain")]
public interface IShardGrain : IGrainWithStringKey
{
    /// <summary>Creates the shard's log and state; called by the stream grain.</summary>
    Task InitializeAsync(ShardDescriptor descriptor, int retentionPeriodHours);

    /// <summary>Applies the stream's retention period: older records are no longer read and their segments are removed.</summary>
    Task SetRetentionPeriodAsync(int hours);

    /// <summary>
    /// Appends records in order: as many from the front as the shard's write throughput allows (all when limits are
    /// off). Throws if the shard is gone, or <see cref="Errors.KinesisErrors.ShardClosed"/> once it is closed.
    /// </summary>
    [AlwaysInterleave]
    Task<ShardAppendResult> AppendAsync(ShardAppend append);

    /// <summary>
    /// Closes the shard: appends that already have ordinals complete, later ones fail with
    /// <see cref="Errors.KinesisErrors.ShardClosed"/>. Returns the ending ordinal (the ordinal after the last record);
    /// closing a closed shard returns the same ordinal. Interleaves with appends and reads.
    /// </summary>
    [AlwaysInterleave]
    Task<long> CloseAsync();

    /// <summary>Reads durable records from an ordinal.</summary>
    [AlwaysInterleave]
    Task<ShardReadResult> ReadAsync(long fromOrdinal, int maxRecords, long maxBytes);

    /// <summary>
    /// Reads durable records for an enhanced fan-out subscription: not counted against the shard's polling read
    /// limits (each subscription has its own 2 MiB/s). Never waits: a subscription with nothing to read waits for
    /// the shard's next "records appended" notice, which every durable flush publishes on an Orleans stream.
    /// </summary>
    [AlwaysInterleave]
    Task<ShardReadResult> ReadForSubscriptionAsync(long fromOrdinal, int maxRecords, long maxBytes);

    /// <summary>The shard's current positions.</summary>
    [AlwaysInterleave]
    Task<ShardPositions> GetPositionsAsync();

    /// <summary>The ordinal of the first record that arrived at or after the time.</summary>
    [AlwaysInterleave]
    Task<long> FindByArrivalTimeAsync(long arrivalTimeMs);

    /// <summary>Deletes the shard's log; later calls fail as the shard no longer exists.</summary>
    Task DeleteAsync();
}
