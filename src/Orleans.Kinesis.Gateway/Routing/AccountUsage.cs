using Orleans.Kinesis.Abstractions.Actors;
using Orleans.Kinesis.Abstractions.Grains;

namespace Orleans.Kinesis.Gateway.Routing;

/// <summary>Counts the account's open shards and on-demand streams (for quotas and DescribeLimits).</summary>
public sealed class AccountUsage
{
    private readonly IGrainFactory _grains;
    private readonly StreamResolver _streams;

    public AccountUsage(IGrainFactory grains, StreamResolver streams)
    {
        _grains = grains;
        _streams = streams;
    }

    public async Task<(int OpenShards, int OnDemandStreams)> MeasureAsync()
    {
        var directory = _grains.GetGrain<IStreamDirectoryGrain>(IStreamDirectoryGrain.DefaultKey);
        int openShards = 0, onDemand = 0;
        string? after = null;
        while (true)
        {
            var page = await directory.ListAsync(after, 1000);
            foreach (var name in page.Names)
            {
                var snapshot = await _streams.TryGetAsync(name);
                if (snapshot is null)
                {
                    continue;
                }

                onDemand += snapshot.Mode == StreamMode.OnDemand ? 1 : 0;
                foreach (var shard in snapshot.Shards)
                {
                    openShards += shard.IsOpen ? 1 : 0;
                }
            }

            if (!page.HasMore || page.Names.Count == 0)
            {
                return (openShards, onDemand);
            }

            after = page.Names[^1];
        }
    }
}
