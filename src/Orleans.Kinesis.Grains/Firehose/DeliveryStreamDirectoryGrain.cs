using Orleans.Kinesis.Abstractions.Grains;
using Orleans.Kinesis.Storage.Hosting;
using Orleans.Runtime;

namespace Orleans.Kinesis.Grains.Firehose;

/// <summary>The account's delivery streams: for ListDeliveryStreams, the stream quota and resuming delivery at silo start.</summary>
[GrainType("delivery-stream-directory")]
public sealed class DeliveryStreamDirectoryGrain : Grain, IDeliveryStreamDirectoryGrain
{
    private readonly IPersistentState<DeliveryStreamDirectoryState> _state;

    public DeliveryStreamDirectoryGrain([PersistentState("firehose-directory", GrainStorageSiloBuilderExtensions.ProviderName)] IPersistentState<DeliveryStreamDirectoryState> state)
        => _state = state;

    public async Task<bool> TryAddAsync(string name, string type, int limit)
    {
        var streams = _state.State.Streams;
        if (!streams.ContainsKey(name) && streams.Count >= limit)
        {
            return false;
        }

        streams[name] = type;
        await _state.WriteStateAsync(CancellationToken.None);
        return true;
    }

    public async Task RemoveAsync(string name)
    {
        if (_state.State.Streams.Remove(name))
        {
            await _state.WriteStateAsync(CancellationToken.None);
        }
    }

    public Task<(IReadOnlyList<string> Names, bool HasMore)> ListAsync(string? type, string? exclusiveStart, int limit)
    {
        var names = new List<string>();
        var hasMore = false;
        foreach (var (name, streamType) in _state.State.Streams)
        {
            if ((type is not null && !string.Equals(type, streamType, StringComparison.Ordinal))
                || (exclusiveStart is not null && string.CompareOrdinal(name, exclusiveStart) <= 0))
            {
                continue;
            }

            if (names.Count == limit)
            {
                hasMore = true;
                break;
            }

            names.Add(name);
        }

        return Task.FromResult<(IReadOnlyList<string>, bool)>((names, hasMore));
    }
}
