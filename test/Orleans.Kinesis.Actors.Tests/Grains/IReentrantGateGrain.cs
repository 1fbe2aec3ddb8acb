using Orleans.Kinesis.Abstractions.Actors;

namespace Orleans.Kinesis.Actors.Tests.Grains;

public interface IReentrantGateGrain : IGrainWithStringKey
{
    Task<string> WaitAsync(string tag);

    /// <summary>Yields many times, checking that no two pieces of the activation run at once.</summary>
    Task SpinAsync(int yields);

    Task<int> GetMaxInFlightAsync();
}
