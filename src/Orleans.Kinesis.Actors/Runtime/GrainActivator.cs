using System.Reflection;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Kinesis.Actors.Core;
using Orleans.Kinesis.Actors.Hosting;
using Orleans.Kinesis.Actors.State;

namespace Orleans.Kinesis.Actors.Runtime;

/// <summary>
/// Creates grain instances by constructor injection: services come from the service provider, and
/// <c>[PersistentState("name")] IPersistentState&lt;T&gt;</c> parameters get state bound to the grain key.
/// </summary>
internal sealed class GrainActivator
{
    private readonly ConstructorInfo _constructor;
    private readonly ParameterInfo[] _parameters;
    private readonly PersistentStateFactory?[] _stateFactories;

    public GrainActivator(Type grainType)
    {
        var constructors = grainType.GetConstructors();
        if (constructors.Length == 0)
        {
            throw new InvalidOperationException($"Grain class {grainType} has no public constructor.");
        }

        _constructor = constructors.MaxBy(static c => c.GetParameters().Length)!;
        _parameters = _constructor.GetParameters();
        _stateFactories = new PersistentStateFactory?[_parameters.Length];
        for (var i = 0; i < _parameters.Length; i++)
        {
            var attribute = _parameters[i].GetCustomAttribute<PersistentStateAttribute>();
            if (attribute is null)
            {
                continue;
            }

            var type = _parameters[i].ParameterType;
            if (!type.IsGenericType || type.GetGenericTypeDefinition() != typeof(IPersistentState<>))
            {
                throw new InvalidOperationException(
                    $"[PersistentState] parameter {_parameters[i].Name} of {grainType} must be IPersistentState<T>.");
            }

            _stateFactories[i] = PersistentStateFactory.Create(type.GetGenericArguments()[0], attribute.StateName);
        }
    }

    public Grain Create(IServiceProvider services, string key, List<IGrainStateLoader> states)
    {
        var arguments = new object?[_parameters.Length];
        IGrainStorage? storage = null;
        JsonSerializerOptions? serializerOptions = null;
        for (var i = 0; i < _parameters.Length; i++)
        {
            if (_stateFactories[i] is { } factory)
            {
                storage ??= services.GetService<IGrainStorage>()
                    ?? throw new InvalidOperationException("Grains with persistent state need an IGrainStorage service.");
                serializerOptions ??= services.GetRequiredService<IOptions<ActorHostOptions>>().Value.SerializerOptions;
                var state = factory.Create(key, storage, serializerOptions);
                states.Add(state);
                arguments[i] = state;
                continue;
            }

            var parameter = _parameters[i];
            arguments[i] = services.GetService(parameter.ParameterType)
                ?? (parameter.HasDefaultValue
                    ? parameter.DefaultValue
                    : throw new InvalidOperationException(
                        $"No service of type {parameter.ParameterType} for parameter {parameter.Name} of {_constructor.DeclaringType}."));
        }

        return (Grain)_constructor.Invoke(BindingFlags.DoNotWrapExceptions, binder: null, arguments, culture: null);
    }
}
