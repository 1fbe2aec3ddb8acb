using Orleans.Kinesis.Abstractions.Actors;

namespace Orleans.Kinesis.Abstractions.Grains;

/// <summary>A stream's metadata and shard map. Key: the stream name. Off the data path.</summary>
public interface IStreamGrain : IGrainWithStringKey
{
    /// <summary>Creates the stream (CREATING, then ACTIVE once its shards exist); RIU if it exists.</summary>
    Task CreateAsync(CreateStreamCommand command);

    /// <summary>Starts deleting the stream (DELETING, then gone); RNF if it does not exist.</summary>
    Task DeleteAsync(bool enforceConsumerDeletion);

    /// <summary>The current snapshot, or null when the stream does not exist.</summary>
    [AlwaysInterleave]
    Task<StreamSnapshot?> GetSnapshotAsync();
}
