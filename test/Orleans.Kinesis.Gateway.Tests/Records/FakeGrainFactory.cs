using System.Reflection;

namespace Orleans.Kinesis.Gateway.Tests.Records;

/// <summary>
/// Hands out registered grain objects by key through <see cref="IGrainFactory.GetGrain{TGrainInterface}(string, string?)"/>
/// (what the gateway calls); an unregistered key, or any other factory member, fails the test. Not sealed: a
/// DispatchProxy derives from it.
/// </summary>
public class FakeGrainFactory : DispatchProxy
{
    private readonly Dictionary<string, object> _grains = new(StringComparer.Ordinal);

    public static IGrainFactory Create(out FakeGrainFactory registry)
    {
        var proxy = DispatchProxy.Create<IGrainFactory, FakeGrainFactory>();
        registry = (FakeGrainFactory)(object)proxy;
        return proxy;
    }

    public void Add(string key, object grain) => _grains[key] = grain;

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        if (targetMethod is { Name: nameof(IGrainFactory.GetGrain), IsGenericMethod: true } && args is [string key, ..])
        {
            return _grains.TryGetValue(key, out var grain) ? grain : throw new InvalidOperationException($"no grain {key}");
        }

        throw new NotSupportedException($"The fake grain factory does not implement {targetMethod?.Name}.");
    }
}
