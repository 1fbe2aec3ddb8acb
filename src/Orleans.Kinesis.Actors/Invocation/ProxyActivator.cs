using System.Linq.Expressions;
using System.Reflection;

namespace Orleans.Kinesis.Actors.Invocation;

/// <summary>
/// Creates proxies for one grain interface without going through DispatchProxy.Create on every GetGrain:
/// the generated proxy type is process-wide, so its constructor is compiled once per interface.
/// </summary>
internal static class ProxyActivator<TGrainInterface>
{
    private static readonly Func<GrainProxy> Create = BuildFactory();

    public static GrainProxy CreateProxy() => Create();

    private static Func<GrainProxy> BuildFactory()
    {
        var sample = (GrainProxy)(object)DispatchProxy.Create<TGrainInterface, GrainProxy>()!;
        var constructor = sample.GetType().GetConstructor(Type.EmptyTypes);
        if (constructor is null)
        {
            return static () => (GrainProxy)(object)DispatchProxy.Create<TGrainInterface, GrainProxy>()!;
        }

        return Expression.Lambda<Func<GrainProxy>>(Expression.Convert(Expression.New(constructor), typeof(GrainProxy))).Compile();
    }
}
