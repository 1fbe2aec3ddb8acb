using System.Collections.Frozen;
using Orleans.Kinesis.Actors.Hosting;
using Orleans.Kinesis.Actors.Runtime;

namespace Orleans.Kinesis.Actors.Invocation;

/// <summary>All registered grain interfaces, resolved once when the host is built.</summary>
internal sealed class GrainTypeRegistry
{
    private readonly FrozenDictionary<Type, GrainInterfaceInfo> _interfaces;

    public GrainTypeRegistry(IEnumerable<GrainRegistration> registrations)
    {
        var classes = new Dictionary<Type, GrainClassInfo>();
        var interfaces = new Dictionary<Type, GrainInterfaceInfo>();
        foreach (var registration in registrations)
        {
            if (!classes.TryGetValue(registration.GrainType, out var grainClass))
            {
                grainClass = new GrainClassInfo(registration.GrainType);
                classes.Add(registration.GrainType, grainClass);
            }

            if (!interfaces.TryAdd(registration.InterfaceType, new GrainInterfaceInfo(registration.InterfaceType, grainClass)))
            {
                throw new InvalidOperationException($"Grain interface {registration.InterfaceType} is registered more than once.");
            }
        }

        _interfaces = interfaces.ToFrozenDictionary();
    }

    public GrainInterfaceInfo Get(Type interfaceType) =>
        _interfaces.TryGetValue(interfaceType, out var info)
            ? info
            : throw new InvalidOperationException($"No grain class is registered for {interfaceType}; call AddGrain.");
}
