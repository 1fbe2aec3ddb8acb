using Orleans.Kinesis.Abstractions.Actors;

namespace Orleans.Kinesis.Gateway.Tests.Records;

/// <summary>Hands out registered grain objects by key; an unregistered key fails the test.</summary>
internal sealed class FakeGrainFactory : IGrainFactory
{
    private readonly Dictionary<string, object> _grains = new(StringComparer.Ordinal);

    public void Add(string key, object grain) => _grains[key] = grain;

    public TGrainInterface GetGrain<TGrainInterface>(string key)
        where TGrainInterface : IGrainWithStringKey
        => _grains.TryGetValue(key, out var grain) ? (TGrainInterface)grain : throw new InvalidOperationException($"no grain {key}");
}
