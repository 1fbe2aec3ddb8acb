using Orleans.Kinesis.Abstractions.Actors;
using Orleans.Kinesis.Actors.Core;
using Orleans.Kinesis.Actors.Runtime;

namespace Orleans.Kinesis.Actors.Invocation;

/// <summary>Hands out typed proxies; a reference is cheap and activation happens on the first call.</summary>
internal sealed class GrainFactory : IGrainFactory
{
    private readonly ActivationCatalog _catalog;
    private readonly GrainTypeRegistry _registry;

    public GrainFactory(ActivationCatalog catalog, GrainTypeRegistry registry)
    {
        _catalog = catalog;
        _registry = registry;
    }

    public TGrainInterface GetGrain<TGrainInterface>(string key)
        where TGrainInterface : IGrainWithStringKey
    {
        ArgumentNullException.ThrowIfNull(key);
        var grainInterface = _registry.Get(typeof(TGrainInterface));
        var proxy = ProxyActivator<TGrainInterface>.CreateProxy();
        proxy.Initialize(_catalog, grainInterface, new GrainId(typeof(TGrainInterface), key));
        return (TGrainInterface)(object)proxy;
    }
}
