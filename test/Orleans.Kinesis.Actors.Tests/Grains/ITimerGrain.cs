using Orleans.Kinesis.Abstractions.Actors;

namespace Orleans.Kinesis.Actors.Tests.Grains;

public interface ITimerGrain : IGrainWithStringKey
{
    Task StartTimerAsync(TimeSpan dueTime, TimeSpan period);

    Task StopTimerAsync();

    Task<string> BlockAsync(string tag);

    [AlwaysInterleave]
    Task<int> GetTicksAsync();

    Task DeactivateAsync();
}
