using System.Reflection;
using Orleans.Kinesis.Actors.Core;
using Orleans.Kinesis.Actors.Runtime;

namespace Orleans.Kinesis.Actors.Invocation;

/// <summary>The typed grain reference: every interface method call becomes a request to the grain's activation.</summary>
#pragma warning disable CA1852 // DispatchProxy derives a type from this class at run time.
internal class GrainProxy : DispatchProxy
#pragma warning restore CA1852
{
    private ActivationCatalog? _catalog;
    private GrainInterfaceInfo? _interface;
    private GrainId _id;

    internal void Initialize(ActivationCatalog catalog, GrainInterfaceInfo grainInterface, GrainId id)
    {
        _catalog = catalog;
        _interface = grainInterface;
        _id = id;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        var grainInterface = _interface!;
        return grainInterface.GetInvoker(targetMethod!).Invoke(_catalog!, _id, grainInterface.GrainClass, args);
    }
}
