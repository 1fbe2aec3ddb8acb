using System.Text.Json;

namespace Orleans.Kinesis.Benchmarks;

/// <summary>
/// What the wrk write phases check after the run: wrk only sees HTTP statuses, so the records a stream really holds are
/// counted back from every shard, from TRIM_HORIZON to the tip.
/// </summary>
internal static class StoredRecords
{
    /// <summary>Records stored in all shards of the stream (shards read in parallel).</summary>
    public static async Task<long> CountAsync(PhaseContext ctx, string phase, string stream, long expected, CancellationToken cancellationToken)
    {
        var listing = KinesisWireClient.Ensure("ListShards", await ctx.Client.SendAsync("ListShards", KinesisRequestBodies.StreamName(stream), cancellationToken));
        using var shards = JsonDocument.Parse(listing.Body);
        var counts = new List<Task<long>>();
        foreach (var shard in shards.RootElement.GetProperty("Shards").EnumerateArray())
        {
            counts.Add(CountShardAsync(ctx, stream, shard.GetProperty("ShardId").GetString()!, expected, cancellationToken));
        }

        PhaseContext.Progress($"{ctx.Target}: {phase} reading back {counts.Count} shards");
        return (await Task.WhenAll(counts)).Sum();
    }

    /// <summary>Deletes a stream of the phase, if it was created and is still there.</summary>
    public static async Task DeleteQuietlyAsync(PhaseContext ctx, string stream, CancellationToken cancellationToken)
    {
        try
        {
            await ctx.Client.DeleteStreamAsync(stream, cancellationToken);
        }
        catch (KinesisWireException)
        {
            // never created (the phase failed before), or already gone
        }
    }

    private static async Task<long> CountShardAsync(PhaseContext ctx, string stream, string shardId, long expected, CancellationToken cancellationToken)
    {
        var iterator = await ctx.Client.GetShardIteratorAsync(stream, shardId, "TRIM_HORIZON", cancellationToken);
        long read = 0;
        var maxCalls = (expected / 100) + 100;
        for (var calls = 0; iterator is not null && calls < maxCalls; calls++)
        {
            var response = KinesisWireClient.Ensure("GetRecords", await ctx.Client.SendAsync("GetRecords", KinesisRequestBodies.GetRecords(iterator, ctx.Options.GetLimit), cancellationToken));
            var page = WireJson.ReadGetRecords(response.Body);
            read += page.Records;
            iterator = page.NextShardIterator;
            if (page.Records == 0 && page.MillisBehindLatest == 0)
            {
                break;
            }
        }

        return read;
    }
}
