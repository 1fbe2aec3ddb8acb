using Orleans.Kinesis.Abstractions.Actors;

namespace Orleans.Kinesis.Actors.Tests.Grains;

public interface IFailingActivationGrain : IGrainWithStringKey
{
    Task<string> PingAsync();
}
