using System.Linq.Expressions;
using System.Reflection;
using Orleans.Kinesis.Abstractions.Actors;
using Orleans.Kinesis.Actors.Core;
using Orleans.Kinesis.Actors.Runtime;

namespace Orleans.Kinesis.Actors.Invocation;

/// <summary>A cached, compiled invoker for one grain interface method.</summary>
internal abstract class GrainMethodInvoker
{
    protected GrainMethodInvoker(bool interleave)
    {
        Interleave = interleave;
    }

    /// <summary>True when calls may interleave: [AlwaysInterleave] method or [Reentrant] class.</summary>
    public bool Interleave { get; }

    /// <summary>Called by the proxy: dispatches a request and returns the caller-facing Task/ValueTask.</summary>
    public abstract object Invoke(ActivationCatalog catalog, GrainId id, GrainClassInfo grainClass, object?[]? arguments);

    public static GrainMethodInvoker Create(MethodInfo method, bool reentrantClass)
    {
        if (method.IsGenericMethodDefinition)
        {
            throw new NotSupportedException($"Generic grain method {method.DeclaringType}.{method.Name} is not supported.");
        }

        var (kind, resultType) = Classify(method);
        var interleave = reentrantClass || method.GetCustomAttribute<AlwaysInterleaveAttribute>() is not null;
        var grainCall = CompileGrainCall(method, kind, resultType);
        var invokerType = typeof(GrainMethodInvoker<>).MakeGenericType(resultType);
        return (GrainMethodInvoker)Activator.CreateInstance(invokerType, grainCall, kind, interleave)!;
    }

    private static (ReturnKind Kind, Type ResultType) Classify(MethodInfo method)
    {
        var type = method.ReturnType;
        if (type == typeof(Task))
        {
            return (ReturnKind.Task, typeof(object));
        }

        if (type == typeof(ValueTask))
        {
            return (ReturnKind.ValueTask, typeof(object));
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Task<>))
        {
            return (ReturnKind.TaskOfT, type.GetGenericArguments()[0]);
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ValueTask<>))
        {
            return (ReturnKind.ValueTaskOfT, type.GetGenericArguments()[0]);
        }

        throw new NotSupportedException(
            $"Grain method {method.DeclaringType}.{method.Name} must return Task, Task<T>, ValueTask or ValueTask<T>.");
    }

    /// <summary>Builds (object grain, object?[] args) => ValueTask&lt;TResult&gt; calling the interface method.</summary>
    private static Delegate CompileGrainCall(MethodInfo method, ReturnKind kind, Type resultType)
    {
        var grain = Expression.Parameter(typeof(object), "grain");
        var arguments = Expression.Parameter(typeof(object?[]), "arguments");
        var parameters = method.GetParameters();
        var callArguments = new Expression[parameters.Length];
        for (var i = 0; i < parameters.Length; i++)
        {
            var type = parameters[i].ParameterType;
            if (type.IsByRef)
            {
                throw new NotSupportedException($"Grain method {method.Name} has a by-ref parameter.");
            }

            callArguments[i] = Expression.Convert(Expression.ArrayIndex(arguments, Expression.Constant(i)), type);
        }

        Expression call = Expression.Call(Expression.Convert(grain, method.DeclaringType!), method, callArguments);
        var valueTaskType = typeof(ValueTask<>).MakeGenericType(resultType);
        call = kind switch
        {
            ReturnKind.Task => Expression.Call(typeof(TaskAdapters).GetMethod(nameof(TaskAdapters.FromTaskAsync))!, call),
            ReturnKind.ValueTask => Expression.Call(typeof(TaskAdapters).GetMethod(nameof(TaskAdapters.FromValueTaskAsync))!, call),
            ReturnKind.TaskOfT => Expression.New(valueTaskType.GetConstructor([method.ReturnType])!, call),
            _ => call,
        };

        var delegateType = typeof(Func<,,>).MakeGenericType(typeof(object), typeof(object?[]), valueTaskType);
        return Expression.Lambda(delegateType, call, grain, arguments).Compile();
    }
}
