namespace Orleans.Kinesis.Storage.Logs.Engine;

/// <summary>The logs a store has open, by key: a log is open once at a time, and disposing the store closes the rest.</summary>
internal sealed class OpenLogs
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, RecordLog?> _open = new(StringComparer.Ordinal);

    /// <summary>Claims <paramref name="key"/> for a log being opened; throws when it is open (or being opened) already.</summary>
    public void Reserve(string key)
    {
        lock (_lock)
        {
            if (!_open.TryAdd(key, null))
            {
                throw new InvalidOperationException($"The log '{key}' is already open.");
            }
        }
    }

    public void Opened(string key, RecordLog log)
    {
        lock (_lock)
        {
            _open[key] = log;
        }
    }

    public void Remove(string key)
    {
        lock (_lock)
        {
            _open.Remove(key);
        }
    }

    /// <summary>Flushes and closes every log still open.</summary>
    public async ValueTask DisposeAllAsync()
    {
        List<RecordLog> open = [];
        lock (_lock)
        {
            foreach (var log in _open.Values)
            {
                if (log is not null)
                {
                    open.Add(log);
                }
            }
        }

        foreach (var log in open)
        {
            await log.DisposeAsync().ConfigureAwait(false);
        }
    }
}
