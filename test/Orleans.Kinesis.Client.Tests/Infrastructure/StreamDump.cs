using Orleans.Kinesis.Client.Aggregation;
using Orleans.Kinesis.Client.Model;

namespace Orleans.Kinesis.Client.Tests.Infrastructure;

/// <summary>Reads every record of every shard from TRIM_HORIZON to the present, de-aggregated (test oracle).</summary>
public static class StreamDump
{
    public static async Task<List<(string ShardId, KinesisClientRecord Record)>> ReadAllAsync(KinesisClient client, string stream)
    {
        var all = new List<(string, KinesisClientRecord)>();
        foreach (var shard in await client.ListAllShardsAsync(stream))
        {
            var iterator = (await client.GetShardIteratorAsync(new GetShardIteratorRequest { StreamName = stream, ShardId = shard.ShardId, ShardIteratorType = ShardIteratorTypes.TrimHorizon })).ShardIterator;
            for (var page = 0; iterator is not null && page < 10_000; page++)
            {
                var response = await client.GetRecordsAsync(new GetRecordsRequest { ShardIterator = iterator });
                foreach (var record in response.Records)
                {
                    all.AddRange(Deaggregator.Deaggregate(record, shard.HashKeyRange).Select(r => (shard.ShardId, r)));
                }

                if (response.Records.Count == 0 && response.MillisBehindLatest == 0)
                {
                    break;
                }

                iterator = response.NextShardIterator;
            }
        }

        return all;
    }
}
