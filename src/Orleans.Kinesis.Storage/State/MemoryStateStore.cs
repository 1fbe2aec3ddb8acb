
namespace Orleans.Kinesis.Storage.State;

/// <summary>State documents kept in process memory; for tests and <c>--in-memory</c>. Documents are copied in and out.</summary>
internal sealed class MemoryStateStore : IStateDocumentStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, SortedDictionary<string, (byte[] Data, StateEtag Etag)>> _types = new(StringComparer.Ordinal);

    public Task<StateDocument?> ReadAsync(string stateType, string key, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            if (_types.TryGetValue(stateType, out var documents) && documents.TryGetValue(key, out var entry))
            {
                return Task.FromResult<StateDocument?>(new StateDocument(entry.Data.ToArray(), entry.Etag.ToString()));
            }
        }

        return Task.FromResult<StateDocument?>(null);
    }

    public Task<string> WriteAsync(string stateType, string key, ReadOnlyMemory<byte> data, string? expectedEtag, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var copy = data.ToArray();
        lock (_lock)
        {
            if (!_types.TryGetValue(stateType, out var documents))
            {
                documents = new SortedDictionary<string, (byte[] Data, StateEtag Etag)>(StringComparer.Ordinal);
                _types.Add(stateType, documents);
            }

            StateEtag etag;
            if (documents.TryGetValue(key, out var existing))
            {
                var stored = existing.Etag.ToString();
                if (!string.Equals(stored, expectedEtag, StringComparison.Ordinal))
                {
                    throw StateConflict.Create(stateType, key, stored, expectedEtag);
                }

                etag = existing.Etag.Next();
            }
            else
            {
                if (expectedEtag is not null)
                {
                    throw StateConflict.Create(stateType, key, null, expectedEtag);
                }

                etag = StateEtag.NewDocument();
            }

            documents[key] = (copy, etag);
            return Task.FromResult(etag.ToString());
        }
    }

    public Task DeleteAsync(string stateType, string key, string? expectedEtag, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            string? stored = null;
            if (_types.TryGetValue(stateType, out var documents) && documents.TryGetValue(key, out var existing))
            {
                stored = existing.Etag.ToString();
            }

            if (!string.Equals(stored, expectedEtag, StringComparison.Ordinal))
            {
                throw StateConflict.Create(stateType, key, stored, expectedEtag);
            }

            documents?.Remove(key);
        }

        return Task.CompletedTask;
    }

}
