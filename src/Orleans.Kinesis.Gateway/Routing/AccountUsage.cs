using System.Globalization;
using Orleans.Kinesis.Abstractions.Errors;
using Orleans.Kinesis.Abstractions.Grains;
using Orleans.Kinesis.Abstractions.Options;

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

    /// <summary>LimitExceededException unless the account may have <paramref name="additional"/> more open shards.</summary>
    public async Task CheckShardLimitAsync(KinesisServiceOptions options, int additional)
    {
        if (additional <= 0)
        {
            return;
        }

        var (openShards, _) = await MeasureAsync();
        if (openShards + additional > options.ShardLimit)
        {
            throw ShardLimitError(options, openShards, additional);
        }
    }

    public static KinesisException ShardLimitError(KinesisServiceOptions options, int openShards, int additional)
        => KinesisErrors.LimitExceededError(string.Create(CultureInfo.InvariantCulture,
            $"This request would exceed the shard limit for the account {options.AccountId} in {options.Region}. Current shard count for the account: {openShards}. Limit: {options.ShardLimit}. Number of additional shards that would have resulted from this request: {additional}. Refer to the AWS Service Limits page (https://docs.aws.amazon.com/general/latest/gr/aws_service_limits.html) for current limits and how to request higher limits."));

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
