using System.Text.Json;

namespace Orleans.Kinesis.Actors.State;

/// <summary>Creates <see cref="PersistentState{TState}"/> instances for one constructor parameter.</summary>
internal abstract class PersistentStateFactory
{
    protected PersistentStateFactory(string stateName)
    {
        StateName = stateName;
    }

    public string StateName { get; }

    public static PersistentStateFactory Create(Type stateType, string stateName)
    {
        if (!stateType.IsClass || stateType.GetConstructor(Type.EmptyTypes) is null)
        {
            throw new InvalidOperationException($"State type {stateType} must be a class with a public parameterless constructor.");
        }

        var factoryType = typeof(Typed<>).MakeGenericType(stateType);
        return (PersistentStateFactory)Activator.CreateInstance(factoryType, stateName)!;
    }

    public abstract IGrainStateLoader Create(string key, IGrainStorage storage, JsonSerializerOptions serializerOptions);

    private sealed class Typed<TState>(string stateName) : PersistentStateFactory(stateName)
        where TState : class, new()
    {
        public override IGrainStateLoader Create(string key, IGrainStorage storage, JsonSerializerOptions serializerOptions) =>
            new PersistentState<TState>(StateName, key, storage, serializerOptions);
    }
}
