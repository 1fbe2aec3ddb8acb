using Orleans.Kinesis.Abstractions.Actors;

namespace Orleans.Kinesis.Actors.Tests.Grains;

public interface ILifecycleGrain : IGrainWithStringKey
{
    Task<Guid> GetInstanceAsync();

    Task DeactivateAsync();

    Task<string> BlockAsync(string tag);

    /// <summary>Calls DeactivateOnIdle, then blocks until "release:tag"; returns the activation's id.</summary>
    Task<Guid> DeactivateThenBlockAsync(string tag);
}
