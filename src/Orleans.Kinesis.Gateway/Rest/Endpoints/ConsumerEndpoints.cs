using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Orleans.Kinesis.Gateway.Rest.Models;
using Orleans.Kinesis.Protocol.Operations;

namespace Orleans.Kinesis.Gateway.Rest.Endpoints;

/// <summary>/api/v1/streams/{name}/consumers: the stream's enhanced fan-out consumers.</summary>
internal static class ConsumerEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var consumers = api.MapGroup("/streams/{name}/consumers").WithTags("Consumers");
        consumers.MapGet("/", ListAsync).WithSummary("Lists the stream's consumers (ListStreamConsumers).");
        consumers.MapPost("/", RegisterAsync).Accepts<RegisterConsumerBody>("application/json")
            .WithSummary("Registers a consumer (RegisterStreamConsumer).");
        consumers.MapDelete("/{consumerName}", DeregisterAsync).WithSummary("Deregisters a consumer (DeregisterStreamConsumer).");
    }

    private static async Task<Ok<ConsumerList>> ListAsync(OperationInvoker aws, string name, CancellationToken cancellationToken)
    {
        var stream = await StreamEndpoints.DescribeStreamAsync(aws, name, cancellationToken);
        var consumers = new List<ConsumerResource>();
        var request = new JsonObject { ["StreamARN"] = stream.Arn };
        for (var page = 0; page < 100; page++)
        {
            var result = await aws.InvokeAsync(KinesisOperation.ListStreamConsumers, request, cancellationToken);
            foreach (var consumer in RestJson.Array(result, "Consumers"))
            {
                consumers.Add(ToResource(consumer));
            }

            if (RestJson.String(result, "NextToken") is not { } next)
            {
                break;
            }

            request = new JsonObject { ["StreamARN"] = stream.Arn, ["NextToken"] = next };
        }

        return TypedResults.Ok(new ConsumerList(stream.Name, consumers));
    }

    private static async Task<Created<ConsumerResource>> RegisterAsync(OperationInvoker aws, string name, HttpRequest http, CancellationToken cancellationToken)
    {
        var body = await RestBody.ReadAsync(http, RestJsonContext.Default.RegisterConsumerBody);
        var stream = await StreamEndpoints.DescribeStreamAsync(aws, name, cancellationToken);
        var result = await aws.InvokeAsync(
            KinesisOperation.RegisterStreamConsumer, new JsonObject { ["StreamARN"] = stream.Arn, ["ConsumerName"] = body.Name }, cancellationToken);
        var consumer = ToResource(RestJson.Member(result, "Consumer"));
        return TypedResults.Created(
            "/api/v1/streams/" + Uri.EscapeDataString(stream.Name) + "/consumers/" + Uri.EscapeDataString(consumer.Name), consumer);
    }

    private static async Task<Accepted> DeregisterAsync(OperationInvoker aws, string name, string consumerName, CancellationToken cancellationToken)
    {
        var stream = await StreamEndpoints.DescribeStreamAsync(aws, name, cancellationToken);
        await aws.InvokeAsync(
            KinesisOperation.DeregisterStreamConsumer, new JsonObject { ["StreamARN"] = stream.Arn, ["ConsumerName"] = consumerName }, cancellationToken);
        return TypedResults.Accepted((string?)null);
    }

    private static ConsumerResource ToResource(JsonElement consumer) => new(
        RestJson.RequiredString(consumer, "ConsumerName"),
        RestJson.RequiredString(consumer, "ConsumerARN"),
        RestJson.RequiredString(consumer, "ConsumerStatus"),
        RestJson.Time(consumer, "ConsumerCreationTimestamp"));
}
