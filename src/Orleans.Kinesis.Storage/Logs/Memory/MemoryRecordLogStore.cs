using System.Collections.Concurrent;

namespace Orleans.Kinesis.Storage.Logs.Memory;

/// <summary>Shard logs in process memory, for tests and <c>--in-memory</c>; a reopened log finds its records again.</summary>
public sealed class MemoryRecordLogStore : IRecordLogStore
{
    private readonly ConcurrentDictionary<(string StreamFolder, int ShardIndex), MemoryLogData> _logs = new();

    public ValueTask<IRecordLog> OpenAsync(string streamFolder, int shardIndex, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ArgumentException.ThrowIfNullOrEmpty(streamFolder);
        ArgumentOutOfRangeException.ThrowIfNegative(shardIndex);
        var data = _logs.GetOrAdd((streamFolder, shardIndex), static _ => new MemoryLogData());
        return ValueTask.FromResult<IRecordLog>(new MemoryRecordLog(data));
    }

    public Task DeleteStreamAsync(string streamFolder, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        foreach (var key in _logs.Keys)
        {
            if (string.Equals(key.StreamFolder, streamFolder, StringComparison.Ordinal))
            {
                _logs.TryRemove(key, out _);
            }
        }

        return Task.CompletedTask;
    }
}
