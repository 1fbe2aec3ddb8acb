using Orleans.Kinesis.Abstractions.Actors;

namespace Orleans.Kinesis.Actors.Tests.Grains;

public interface IWorkerGrain : IGrainWithStringKey
{
    /// <summary>Signals "started:tag", waits for "release", returns the activation's id.</summary>
    Task<Guid> WorkAsync(string tag);

    Task<Guid> QuickAsync();
}
