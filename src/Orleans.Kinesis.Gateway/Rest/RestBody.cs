using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using Orleans.Kinesis.Abstractions.Errors;

namespace Orleans.Kinesis.Gateway.Rest;

/// <summary>Reads REST request bodies; malformed JSON is a SerializationException, as on the AWS API.</summary>
internal static class RestBody
{
    public static async Task<T> ReadAsync<T>(HttpRequest request, JsonTypeInfo<T> type)
        where T : class
    {
        try
        {
            return await JsonSerializer.DeserializeAsync(request.Body, type, request.HttpContext.RequestAborted)
                ?? throw KinesisErrors.SerializationError("The request body must be a JSON object.");
        }
        catch (JsonException error)
        {
            throw KinesisErrors.SerializationError("Malformed JSON request body: " + error.Message);
        }
    }

    public static async Task<JsonDocument> ReadDocumentAsync(HttpRequest request)
    {
        try
        {
            return await JsonDocument.ParseAsync(request.Body, default, request.HttpContext.RequestAborted);
        }
        catch (JsonException error)
        {
            throw KinesisErrors.SerializationError("Malformed JSON request body: " + error.Message);
        }
    }
}
