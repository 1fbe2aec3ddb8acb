using Orleans.Kinesis.Abstractions.Actors;

namespace Orleans.Kinesis.Actors.Tests.Grains;

public interface IProfileGrain : IGrainWithStringKey
{
    Task SetNameAsync(string name);

    Task<ProfileSnapshot> GetAsync();

    Task ClearAsync();

    Task DeactivateAsync();
}
