using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Orleans.Kinesis.Gateway.Rest.Models;
using Orleans.Kinesis.Protocol.Operations;

namespace Orleans.Kinesis.Gateway.Rest.Endpoints;

/// <summary>/api/v1/delivery-streams: Firehose delivery streams, and putting a record into one.</summary>
internal static class DeliveryStreamEndpoints
{
    private const int ListPage = 100;

    public static void Map(RouteGroupBuilder api)
    {
        var delivery = api.MapGroup("/delivery-streams").WithTags("Delivery streams");
        delivery.MapGet("/", ListAsync).WithSummary("Lists delivery streams with status, source and destination (ListDeliveryStreams, DescribeDeliveryStream).");
        delivery.MapGet("/{name}", DescribeAsync).WithSummary("Describes a delivery stream (DescribeDeliveryStream).");
        delivery.MapPost("/{name}/records", PutAsync).Accepts<RecordInput>("application/json")
            .WithSummary("Puts one record into a delivery stream (PutRecord): {data|text|json}.");
    }

    private static async Task<Ok<DeliveryStreamList>> ListAsync(OperationInvoker aws, CancellationToken cancellationToken)
    {
        var names = new List<string>();
        var request = new JsonObject { ["Limit"] = ListPage };
        for (var page = 0; page < 100; page++)
        {
            var result = await aws.InvokeAsync(KinesisOperation.FirehoseListDeliveryStreams, request, cancellationToken);
            foreach (var name in RestJson.Array(result, "DeliveryStreamNames"))
            {
                names.Add(name.GetString()!);
            }

            if (!RestJson.Bool(result, "HasMoreDeliveryStreams") || names.Count == 0)
            {
                break;
            }

            request = new JsonObject { ["Limit"] = ListPage, ["ExclusiveStartDeliveryStreamName"] = names[^1] };
        }

        var streams = await Task.WhenAll(names.Select(name => DescribeDeliveryStreamAsync(aws, name, cancellationToken)));
        return TypedResults.Ok(new DeliveryStreamList(streams));
    }

    private static async Task<Ok<DeliveryStreamResource>> DescribeAsync(OperationInvoker aws, string name, CancellationToken cancellationToken)
        => TypedResults.Ok(await DescribeDeliveryStreamAsync(aws, name, cancellationToken));

    private static async Task<Created<FirehosePutResult>> PutAsync(OperationInvoker aws, string name, HttpRequest http, CancellationToken cancellationToken)
    {
        using var document = await RestBody.ReadDocumentAsync(http);
        var root = document.RootElement;
        var data = RestJson.String(root, "data");
        if (RestJson.String(root, "text") is { } text)
        {
            data = Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
        }
        else if (RestJson.Member(root, "json") is { ValueKind: not JsonValueKind.Undefined } json)
        {
            data = Convert.ToBase64String(Encoding.UTF8.GetBytes(json.GetRawText()));
        }

        var record = new JsonObject();
        if (data is not null)
        {
            record["Data"] = data;
        }

        var result = await aws.InvokeAsync(
            KinesisOperation.FirehosePutRecord, new JsonObject { ["DeliveryStreamName"] = name, ["Record"] = record }, cancellationToken);
        return TypedResults.Created((string?)null, new FirehosePutResult(RestJson.RequiredString(result, "RecordId"), RestJson.Bool(result, "Encrypted")));
    }

    private static async Task<DeliveryStreamResource> DescribeDeliveryStreamAsync(OperationInvoker aws, string name, CancellationToken cancellationToken)
    {
        var result = await aws.InvokeAsync(KinesisOperation.FirehoseDescribeDeliveryStream, new JsonObject { ["DeliveryStreamName"] = name }, cancellationToken);
        var description = RestJson.Member(result, "DeliveryStreamDescription");
        var destination = default(JsonElement);
        foreach (var entry in RestJson.Array(description, "Destinations"))
        {
            destination = RestJson.Member(entry, "S3DestinationDescription");
            break;
        }

        var hints = RestJson.Member(destination, "BufferingHints");
        var source = RestJson.Member(RestJson.Member(description, "Source"), "KinesisStreamSourceDescription");
        return new DeliveryStreamResource(
            RestJson.RequiredString(description, "DeliveryStreamName"),
            RestJson.RequiredString(description, "DeliveryStreamARN"),
            RestJson.RequiredString(description, "DeliveryStreamStatus"),
            RestJson.RequiredString(description, "DeliveryStreamType"),
            RestJson.Time(description, "CreateTimestamp"),
            RestJson.String(source, "KinesisStreamARN"),
            RestJson.String(destination, "BucketARN"),
            RestJson.String(destination, "Prefix"),
            RestJson.Long(hints, "SizeInMBs") is { } size ? (int)size : null,
            RestJson.Long(hints, "IntervalInSeconds") is { } interval ? (int)interval : null,
            RestJson.String(destination, "CompressionFormat"),
            RestJson.String(RestJson.Member(description, "DeliveryStreamEncryptionConfiguration"), "Status") ?? "DISABLED");
    }
}
