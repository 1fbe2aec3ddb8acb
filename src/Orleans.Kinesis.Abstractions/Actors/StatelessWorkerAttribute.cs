namespace Orleans.Kinesis.Abstractions.Actors;

/// <summary>
/// Marks a grain class as a stateless worker: calls to one key are spread over a local pool of
/// up to <see cref="MaxLocalWorkers"/> activations instead of a single one.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class StatelessWorkerAttribute : Attribute
{
    public StatelessWorkerAttribute()
        : this(Environment.ProcessorCount)
    {
    }

    public StatelessWorkerAttribute(int maxLocalWorkers)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLocalWorkers, 1);
        MaxLocalWorkers = maxLocalWorkers;
    }

    public int MaxLocalWorkers { get; }
}
