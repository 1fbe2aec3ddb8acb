using Orleans.Kinesis.Abstractions.Grains;
using Orleans.Kinesis.Storage.Hosting;
using Orleans.Runtime;

namespace Orleans.Kinesis.Grains.Directory;

/// <summary>The names of all streams, for ListStreams and account quotas.</summary>
[GrainType("stream-directory")]
public sealed class StreamDirectoryGrain : Grain, IStreamDirectoryGrain
{
    private readonly IPersistentState<StreamDirectoryState> _state;

    public StreamDirectoryGrain([PersistentState("directory", GrainStorageSiloBuilderExtensions.ProviderName)] IPersistentState<StreamDirectoryState> state) => _state = state;

    public async Task AddAsync(string streamName)
    {
        var names = _state.State.Names;
        var position = names.BinarySearch(streamName, StringComparer.Ordinal);
        if (position < 0)
        {
            names.Insert(~position, streamName);
            await _state.WriteStateAsync(CancellationToken.None);
        }
    }

    public async Task RemoveAsync(string streamName)
    {
        var names = _state.State.Names;
        var position = names.BinarySearch(streamName, StringComparer.Ordinal);
        if (position >= 0)
        {
            names.RemoveAt(position);
            await _state.WriteStateAsync(CancellationToken.None);
        }
    }

    public Task<StreamNamePage> ListAsync(string? exclusiveStart, int limit)
    {
        var names = _state.State.Names;
        var start = 0;
        if (exclusiveStart is not null)
        {
            var position = names.BinarySearch(exclusiveStart, StringComparer.Ordinal);
            start = position >= 0 ? position + 1 : ~position;
        }

        var count = Math.Min(limit, names.Count - start);
        return Task.FromResult(new StreamNamePage(names.GetRange(start, count), start + count < names.Count));
    }

    public Task<int> CountAsync() => Task.FromResult(_state.State.Names.Count);
}
