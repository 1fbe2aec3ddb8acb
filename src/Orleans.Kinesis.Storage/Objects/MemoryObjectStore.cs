using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace Orleans.Kinesis.Storage.Objects;

/// <summary>Objects in process memory (tests, <c>--in-memory</c>); a put replaces the whole object at once.</summary>
public sealed class MemoryObjectStore : IObjectStore
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, byte[]>> _containers = new(StringComparer.Ordinal);

    public Task EnsureContainerAsync(string container, CancellationToken cancellationToken)
    {
        _containers.GetOrAdd(container, static _ => new ConcurrentDictionary<string, byte[]>(StringComparer.Ordinal));
        return Task.CompletedTask;
    }

    public Task PutAsync(string container, string name, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var objects = _containers.GetOrAdd(container, static _ => new ConcurrentDictionary<string, byte[]>(StringComparer.Ordinal));
        objects[name] = content.ToArray();
        return Task.CompletedTask;
    }

    public Task<byte[]?> GetAsync(string container, string name, CancellationToken cancellationToken)
        => Task.FromResult(_containers.TryGetValue(container, out var objects) && objects.TryGetValue(name, out var bytes) ? (byte[]?)bytes.ToArray() : null);

    public async IAsyncEnumerable<string> ListAsync(string container, string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (!_containers.TryGetValue(container, out var objects))
        {
            yield break;
        }

        var names = new List<string>();
        foreach (var name in objects.Keys)
        {
            if (name.StartsWith(prefix, StringComparison.Ordinal))
            {
                names.Add(name);
            }
        }

        names.Sort(StringComparer.Ordinal);
        foreach (var name in names)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return name;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    public Task<bool> DeleteAsync(string container, string name, CancellationToken cancellationToken)
        => Task.FromResult(_containers.TryGetValue(container, out var objects) && objects.TryRemove(name, out _));
}
