using System.Reflection;
using Orleans.Kinesis.Abstractions.Actors;

namespace Orleans.Kinesis.Actors.Runtime;

/// <summary>What the runtime knows about a grain class: reentrancy, worker pool size, how to construct it.</summary>
internal sealed class GrainClassInfo
{
    public GrainClassInfo(Type grainType)
    {
        GrainType = grainType;
        IsReentrant = grainType.GetCustomAttribute<ReentrantAttribute>() is not null;
        MaxLocalWorkers = grainType.GetCustomAttribute<StatelessWorkerAttribute>()?.MaxLocalWorkers ?? 0;
        Activator = new GrainActivator(grainType);
    }

    public Type GrainType { get; }

    public bool IsReentrant { get; }

    /// <summary>Pool size for a stateless worker; 0 for a regular grain.</summary>
    public int MaxLocalWorkers { get; }

    public bool IsStatelessWorker => MaxLocalWorkers > 0;

    public GrainActivator Activator { get; }
}
