using System.Collections.Concurrent;
using System.Globalization;
using Orleans.Kinesis.Abstractions.Actors;
using Orleans.Kinesis.Actors.State;

namespace Orleans.Kinesis.Actors.Tests.Infrastructure;

/// <summary>A tiny IGrainStorage with ETag checks, for tests.</summary>
public sealed class InMemoryGrainStorage : IGrainStorage
{
    private readonly ConcurrentDictionary<(string StateType, string Key), GrainStateDocument> _documents = new();
    private readonly Lock _lock = new();
    private long _version;

    public int WriteCount { get; private set; }

    public GrainStateDocument? Peek(string stateType, string key) =>
        _documents.TryGetValue((stateType, key), out var document) ? document : null;

    public Task<GrainStateDocument?> ReadAsync(string stateType, string key, CancellationToken cancellationToken) =>
        Task.FromResult(Peek(stateType, key));

    public Task<string> WriteAsync(string stateType, string key, ReadOnlyMemory<byte> data, string? expectedEtag, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var current = Peek(stateType, key);
            if (current?.Etag != expectedEtag)
            {
                throw new InconsistentStateException("ETag mismatch.", current?.Etag, expectedEtag);
            }

            var etag = (++_version).ToString(CultureInfo.InvariantCulture);
            _documents[(stateType, key)] = new GrainStateDocument(data.ToArray(), etag);
            WriteCount++;
            return Task.FromResult(etag);
        }
    }

    public Task DeleteAsync(string stateType, string key, string? expectedEtag, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var current = Peek(stateType, key);
            if (current is null && expectedEtag is null)
            {
                return Task.CompletedTask;
            }

            if (current?.Etag != expectedEtag)
            {
                throw new InconsistentStateException("ETag mismatch.", current?.Etag, expectedEtag);
            }

            _documents.TryRemove((stateType, key), out _);
            return Task.CompletedTask;
        }
    }

    public Task<IReadOnlyList<string>> ListKeysAsync(string stateType, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> keys = [.. _documents.Keys.Where(k => k.StateType == stateType).Select(k => k.Key).Order(StringComparer.Ordinal)];
        return Task.FromResult(keys);
    }
}
