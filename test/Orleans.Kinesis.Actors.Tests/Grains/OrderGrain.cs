using Orleans.Kinesis.Actors.Core;

namespace Orleans.Kinesis.Actors.Tests.Grains;

public sealed class OrderGrain : Grain, IOrderGrain
{
    private readonly List<int> _values = [];

    public async Task AppendAsync(int value)
    {
        await Task.Yield();
        _values.Add(value);
    }

    public Task<int[]> GetAsync() => Task.FromResult(_values.ToArray());
}
