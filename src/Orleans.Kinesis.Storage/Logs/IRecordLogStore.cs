namespace Orleans.Kinesis.Storage.Logs;

/// <summary>Opens and deletes shard logs. A log is named by a stream folder and a shard index.</summary>
public interface IRecordLogStore
{
    /// <summary>Opens (creating if needed) the log, recovering it after a crash: a torn or corrupt tail is dropped.</summary>
    ValueTask<IRecordLog> OpenAsync(string streamFolder, int shardIndex, CancellationToken cancellationToken);

    /// <summary>Deletes every shard log under the stream folder. Logs of it must be disposed first.</summary>
    Task DeleteStreamAsync(string streamFolder, CancellationToken cancellationToken);
}
