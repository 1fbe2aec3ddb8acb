using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Orleans.Kinesis.Actors.Streams;

/// <summary>Streams that live in this process; one stream object per (item type, id).</summary>
internal sealed class InProcessStreamProvider(ILogger<InProcessStreamProvider> logger) : IStreamProvider
{
    private readonly ConcurrentDictionary<(Type ItemType, string StreamId), object> _streams = new();

    public IAsyncStream<T> GetStream<T>(string streamId)
    {
        ArgumentNullException.ThrowIfNull(streamId);
        return (IAsyncStream<T>)_streams.GetOrAdd((typeof(T), streamId), static (key, log) => new InProcessStream<T>(key.StreamId, log), logger);
    }
}
