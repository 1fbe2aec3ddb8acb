using Orleans.Kinesis.Actors.Core;
using Orleans.Kinesis.Actors.Runtime;

namespace Orleans.Kinesis.Actors.Invocation;

/// <summary>Invoker for a method whose result type is <typeparamref name="TResult"/> (object for Task/ValueTask).</summary>
internal sealed class GrainMethodInvoker<TResult> : GrainMethodInvoker
{
    private readonly Func<object, object?[]?, ValueTask<TResult>> _grainCall;
    private readonly ReturnKind _kind;

    public GrainMethodInvoker(Func<object, object?[]?, ValueTask<TResult>> grainCall, ReturnKind kind, bool interleave)
        : base(interleave)
    {
        _grainCall = grainCall;
        _kind = kind;
    }

    public override object Invoke(ActivationCatalog catalog, GrainId id, GrainClassInfo grainClass, object?[]? arguments)
    {
        var request = new GrainRequest<TResult>(this, arguments);
        catalog.Dispatch(id, grainClass, request);
        return _kind switch
        {
            ReturnKind.ValueTask => new ValueTask(request.Task),
            ReturnKind.ValueTaskOfT => new ValueTask<TResult>(request.Task),
            _ => request.Task,
        };
    }

    /// <summary>Runs the grain method on the activation's scheduler.</summary>
    public ValueTask<TResult> CallGrainAsync(object grain, object?[]? arguments) => _grainCall(grain, arguments);
}
