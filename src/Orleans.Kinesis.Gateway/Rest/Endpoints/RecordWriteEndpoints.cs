using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Orleans.Kinesis.Gateway.Rest.Models;
using Orleans.Kinesis.Protocol.Operations;

namespace Orleans.Kinesis.Gateway.Rest.Endpoints;

/// <summary>
/// POST /api/v1/streams/{name}/records: one record as JSON (PutRecord), many as <c>{"records": [...]}</c>
/// (PutRecords), or any other content type as the raw data of one record with <c>?partitionKey=</c>.
/// </summary>
internal static class RecordWriteEndpoints
{
    public static void Map(RouteGroupBuilder api)
        => api.MapPost("/streams/{name}/records", PutAsync).WithTags("Records")
            .Produces<PutRecordResult>(StatusCodes.Status201Created)
            .Produces<PutRecordsResult>(StatusCodes.Status200OK)
            .WithSummary("Puts one record (JSON {partitionKey, data|text|json}, or a raw body with ?partitionKey=) "
                + "or many ({records: [...]}, up to 500).");

    private static async Task<IResult> PutAsync(OperationInvoker aws, string name, string? partitionKey, string? explicitHashKey, HttpRequest http, CancellationToken cancellationToken)
    {
        if (!IsJson(http.ContentType))
        {
            using var raw = new MemoryStream();
            await http.Body.CopyToAsync(raw, cancellationToken);
            var entry = Entry(partitionKey, Convert.ToBase64String(raw.GetBuffer(), 0, (int)raw.Length), explicitHashKey);
            return await PutOneAsync(aws, name, entry, cancellationToken);
        }

        using var document = await RestBody.ReadDocumentAsync(http);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw RestErrors.Invalid("The body must be a record object or {\"records\": [...]}.");
        }

        if (!root.TryGetProperty("records", out var records))
        {
            return await PutOneAsync(aws, name, FromInput(root), cancellationToken);
        }

        if (records.ValueKind != JsonValueKind.Array)
        {
            throw RestErrors.Invalid("records must be an array of record objects.");
        }

        var entries = new JsonArray();
        foreach (var record in records.EnumerateArray())
        {
            entries.Add(FromInput(record));
        }

        var result = await aws.InvokeAsync(KinesisOperation.PutRecords, new JsonObject { ["StreamName"] = name, ["Records"] = entries }, cancellationToken);
        var outcomes = new List<PutRecordsEntry>();
        foreach (var outcome in RestJson.Array(result, "Records"))
        {
            outcomes.Add(new PutRecordsEntry(
                RestJson.String(outcome, "ShardId"),
                RestJson.String(outcome, "SequenceNumber"),
                RestJson.String(outcome, "ErrorCode"),
                RestJson.String(outcome, "ErrorMessage")));
        }

        return TypedResults.Ok(new PutRecordsResult(RestJson.Int(result, "FailedRecordCount"), outcomes));
    }

    private static async Task<IResult> PutOneAsync(OperationInvoker aws, string name, JsonObject entry, CancellationToken cancellationToken)
    {
        entry["StreamName"] = name;
        var result = await aws.InvokeAsync(KinesisOperation.PutRecord, entry, cancellationToken);
        return TypedResults.Created((string?)null, new PutRecordResult(
            RestJson.RequiredString(result, "ShardId"),
            RestJson.RequiredString(result, "SequenceNumber"),
            RestJson.String(result, "EncryptionType") is not null));
    }

    /// <summary>A REST record (partitionKey, one of data / text / json, explicitHashKey) as an AWS record entry.</summary>
    private static JsonObject FromInput(JsonElement record)
    {
        if (record.ValueKind != JsonValueKind.Object)
        {
            throw RestErrors.Invalid("Each record must be an object with partitionKey and one of data, text or json.");
        }

        var data = RestJson.String(record, "data");
        var text = RestJson.String(record, "text");
        var json = RestJson.Member(record, "json");
        var given = (data is null ? 0 : 1) + (text is null ? 0 : 1) + (json.ValueKind == JsonValueKind.Undefined ? 0 : 1);
        if (given > 1)
        {
            throw RestErrors.Invalid("A record takes exactly one of data (base64), text or json.");
        }

        if (text is not null)
        {
            data = Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
        }
        else if (json.ValueKind != JsonValueKind.Undefined)
        {
            data = Convert.ToBase64String(Encoding.UTF8.GetBytes(json.GetRawText()));
        }

        return Entry(RestJson.String(record, "partitionKey"), data, RestJson.String(record, "explicitHashKey"));
    }

    private static JsonObject Entry(string? partitionKey, string? data, string? explicitHashKey)
    {
        var entry = new JsonObject();
        if (partitionKey is not null)
        {
            entry["PartitionKey"] = partitionKey;
        }

        if (data is not null)
        {
            entry["Data"] = data;
        }

        if (explicitHashKey is not null)
        {
            entry["ExplicitHashKey"] = explicitHashKey;
        }

        return entry;
    }

    private static bool IsJson(string? contentType)
        => contentType is not null
            && (contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase)
                || contentType.Contains("+json", StringComparison.OrdinalIgnoreCase));
}
