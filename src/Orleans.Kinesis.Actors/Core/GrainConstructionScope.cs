using Orleans.Kinesis.Actors.Runtime;

namespace Orleans.Kinesis.Actors.Core;

/// <summary>Hands the activation being created to the <see cref="Grain"/> base constructor.</summary>
internal static class GrainConstructionScope
{
    [ThreadStatic]
    private static ActivationData? _current;

    public static ActivationData? Current => _current;

    public static Grain Construct(ActivationData activation, Func<Grain> create)
    {
        var previous = _current;
        _current = activation;
        try
        {
            return create();
        }
        finally
        {
            _current = previous;
        }
    }
}
