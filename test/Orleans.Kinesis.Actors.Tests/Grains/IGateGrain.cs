using Orleans.Kinesis.Abstractions.Actors;

namespace Orleans.Kinesis.Actors.Tests.Grains;

public interface IGateGrain : IGrainWithStringKey, IGreeter
{
    /// <summary>Logs start, signals "started:tag", waits for "release:tag", logs end.</summary>
    Task<string> WaitAsync(string tag);

    [AlwaysInterleave]
    Task<string> InterleavedWaitAsync(string tag);

    [AlwaysInterleave]
    Task<string[]> GetLogAsync();

    Task ThrowAfterYieldAsync(string message);

    Task ThrowSynchronouslyAsync(string message);

    ValueTask<int> AddAsync(int left, int right);

    ValueTask<int> AddAfterYieldAsync(int left, int right);

    ValueTask TouchAsync();

    Task<string> GetKeyAsync();

    /// <summary>Advances the fake clock inside the turn, making the turn "long".</summary>
    Task AdvanceClockAsync(TimeSpan delta);
}
