using Orleans.Kinesis.Abstractions.Actors;

namespace Orleans.Kinesis.Actors.Tests.Grains;

public interface IOrderGrain : IGrainWithStringKey
{
    Task AppendAsync(int value);

    Task<int[]> GetAsync();
}
