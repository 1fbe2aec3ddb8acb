namespace Orleans.Kinesis.Actors.State;

/// <summary>Marks a grain constructor parameter of type <see cref="IPersistentState{TState}"/> and names its state type.</summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class PersistentStateAttribute : Attribute
{
    public PersistentStateAttribute(string stateName)
    {
        ArgumentException.ThrowIfNullOrEmpty(stateName);
        StateName = stateName;
    }

    public string StateName { get; }
}
