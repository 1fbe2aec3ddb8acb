using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Orleans.Kinesis.Gateway.Rest.Models;
using Orleans.Kinesis.Protocol.Operations;

namespace Orleans.Kinesis.Gateway.Rest.Endpoints;

/// <summary>/api/v1/streams/{name}/shards: every shard with its hash key range and state.</summary>
internal static class ShardEndpoints
{
    public static void Map(RouteGroupBuilder api)
        => api.MapGet("/streams/{name}/shards", ListAsync).WithTags("Shards")
            .WithSummary("Lists the stream's shards, open and closed, with hash key ranges and lineage (ListShards).");

    private static async Task<Ok<ShardList>> ListAsync(OperationInvoker aws, string name, CancellationToken cancellationToken)
    {
        var shards = new List<ShardResource>();
        var request = new JsonObject { ["StreamName"] = name, ["MaxResults"] = 1000 };
        for (var page = 0; page < 100; page++)
        {
            var result = await aws.InvokeAsync(KinesisOperation.ListShards, request, cancellationToken);
            foreach (var shard in RestJson.Array(result, "Shards"))
            {
                var hashes = RestJson.Member(shard, "HashKeyRange");
                var sequences = RestJson.Member(shard, "SequenceNumberRange");
                var ending = RestJson.String(sequences, "EndingSequenceNumber");
                shards.Add(new ShardResource(
                    RestJson.RequiredString(shard, "ShardId"),
                    ending is null ? "open" : "closed",
                    RestJson.String(shard, "ParentShardId"),
                    RestJson.String(shard, "AdjacentParentShardId"),
                    RestJson.RequiredString(hashes, "StartingHashKey"),
                    RestJson.RequiredString(hashes, "EndingHashKey"),
                    RestJson.RequiredString(sequences, "StartingSequenceNumber"),
                    ending));
            }

            if (RestJson.String(result, "NextToken") is not { } next)
            {
                break;
            }

            request = new JsonObject { ["NextToken"] = next, ["MaxResults"] = 1000 };
        }

        return TypedResults.Ok(new ShardList(name, shards));
    }
}
