using Orleans.Kinesis.Client.Model;

namespace Orleans.Kinesis.Client;

/// <summary>All shards of a stream through paged ListShards calls.</summary>
public static class ShardListing
{
    public static async Task<List<Shard>> ListAllShardsAsync(this KinesisClient client, string streamName, CancellationToken cancellationToken = default)
    {
        var shards = new List<Shard>();
        string? next = null;
        do
        {
            var page = await client.ListShardsAsync(
                next is null ? new ListShardsRequest { StreamName = streamName } : new ListShardsRequest { NextToken = next },
                cancellationToken).ConfigureAwait(false);
            shards.AddRange(page.Shards);
            next = page.NextToken;
        }
        while (next is not null);
        return shards;
    }
}
