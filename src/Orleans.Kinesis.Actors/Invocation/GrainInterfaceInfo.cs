using System.Collections.Frozen;
using System.Reflection;
using Orleans.Kinesis.Actors.Runtime;

namespace Orleans.Kinesis.Actors.Invocation;

/// <summary>A grain interface bound to its implementing class, with one compiled invoker per method.</summary>
internal sealed class GrainInterfaceInfo
{
    private readonly FrozenDictionary<MethodInfo, GrainMethodInvoker> _invokers;

    public GrainInterfaceInfo(Type interfaceType, GrainClassInfo grainClass)
    {
        InterfaceType = interfaceType;
        GrainClass = grainClass;
        var invokers = new Dictionary<MethodInfo, GrainMethodInvoker>();
        foreach (var type in interfaceType.GetInterfaces().Append(interfaceType))
        {
            foreach (var method in type.GetMethods())
            {
                invokers[method] = GrainMethodInvoker.Create(method, grainClass.IsReentrant);
            }
        }

        _invokers = invokers.ToFrozenDictionary();
    }

    public Type InterfaceType { get; }

    public GrainClassInfo GrainClass { get; }

    public GrainMethodInvoker GetInvoker(MethodInfo method) =>
        _invokers.TryGetValue(method, out var invoker)
            ? invoker
            : throw new NotSupportedException($"Method {method.Name} is not part of grain interface {InterfaceType}.");
}
