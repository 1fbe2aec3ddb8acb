using System.Buffers;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Orleans.Kinesis.Abstractions.Errors;
using Orleans.Kinesis.Client.Errors;
using Orleans.Kinesis.Client.Json;
using Orleans.Kinesis.Protocol.Cbor;

namespace Orleans.Kinesis.Client.Http;

/// <summary>
/// AWS JSON 1.1 calls: POST / with <c>X-Amz-Target: &lt;prefix&gt;.&lt;Operation&gt;</c>; errors become typed exceptions.
/// With <paramref name="cbor"/>, the data-plane calls (PutRecord, PutRecords, GetRecords) travel as
/// <c>application/x-amz-cbor-1.1</c> instead, through the transcoders the server uses (blobs as byte strings).
/// </summary>
internal sealed class AwsJsonTransport(HttpClient http, Uri endpoint, string targetPrefix, TimeSpan requestTimeout, bool cbor = false)
{
    private const string CborMediaType = "application/x-amz-cbor-1.1";
    private static readonly MediaTypeHeaderValue JsonContentType = new("application/x-amz-json-1.1");
    private static readonly MediaTypeHeaderValue CborContentType = new(CborMediaType);
    private static readonly byte[] EmptyObject = "{}"u8.ToArray();

    public Uri Endpoint => endpoint;

    public async Task<TResponse> CallAsync<TRequest, TResponse>(string operation, TRequest request, JsonTypeInfo<TRequest> requestType, JsonTypeInfo<TResponse> responseType, CancellationToken cancellationToken)
    {
        var body = await CallRawAsync(operation, JsonSerializer.SerializeToUtf8Bytes(request, requestType), cancellationToken).ConfigureAwait(false);
        return JsonSerializer.Deserialize(body, responseType) ?? throw new JsonException($"{operation} answered an empty body.");
    }

    public Task CallAsync<TRequest>(string operation, TRequest request, JsonTypeInfo<TRequest> requestType, CancellationToken cancellationToken)
        => CallRawAsync(operation, JsonSerializer.SerializeToUtf8Bytes(request, requestType), cancellationToken);

    public async Task<TResponse> CallAsync<TResponse>(string operation, JsonTypeInfo<TResponse> responseType, CancellationToken cancellationToken)
    {
        var body = await CallRawAsync(operation, EmptyObject, cancellationToken).ConfigureAwait(false);
        return JsonSerializer.Deserialize(body, responseType) ?? throw new JsonException($"{operation} answered an empty body.");
    }

    public HttpRequestMessage CreateRequest(string operation, byte[] body, bool asCbor = false)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = asCbor ? CborContentType : JsonContentType;
        var message = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = content };
        message.Headers.TryAddWithoutValidation("X-Amz-Target", targetPrefix + "." + operation);
        return message;
    }

    /// <summary>Throws the typed exception of a non-success answer.</summary>
    public static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var body = await ReadJsonAsync(response, cancellationToken).ConfigureAwait(false);
        var type = RetryPipeline.ErrorType(response, body) ?? "UnknownError";
        string? message = null;
        try
        {
            var error = JsonSerializer.Deserialize(body, KinesisJsonContext.Default.AwsErrorBody);
            message = error?.Message ?? error?.MessageUpper;
        }
        catch (JsonException)
        {
            message = System.Text.Encoding.UTF8.GetString(body);
        }

        var requestId = response.Headers.TryGetValues("x-amzn-RequestId", out var ids) ? ids.FirstOrDefault() : null;
        throw KinesisServiceException.Create(type, response.StatusCode, message ?? string.Empty, requestId);
    }

    private async Task<byte[]> CallRawAsync(string operation, byte[] body, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(requestTimeout);
        var asCbor = cbor && operation is "PutRecord" or "PutRecords" or "GetRecords";
        using var request = CreateRequest(operation, asCbor ? Transcode(body, toCbor: true) : body, asCbor);
        using var response = await http.SendAsync(request, timeout.Token).ConfigureAwait(false);
        await EnsureSuccessAsync(response, timeout.Token).ConfigureAwait(false);
        return await ReadJsonAsync(response, timeout.Token).ConfigureAwait(false);
    }

    /// <summary>The response body as JSON: as sent, or transcoded when the service answered in CBOR.</summary>
    private static async Task<byte[]> ReadJsonAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        return body.Length > 0 && string.Equals(response.Content.Headers.ContentType?.MediaType, CborMediaType, StringComparison.OrdinalIgnoreCase)
            ? Transcode(body, toCbor: false)
            : body;
    }

    private static byte[] Transcode(byte[] body, bool toCbor)
    {
        var output = new ArrayBufferWriter<byte>(body.Length + 16);
        try
        {
            if (toCbor)
            {
                JsonToCbor.Transcode(body, output);
            }
            else
            {
                CborToJson.Transcode(body, output);
            }
        }
        catch (KinesisException error)
        {
            throw new JsonException("The service answered a malformed CBOR body: " + error.Message, error);
        }

        return output.WrittenSpan.ToArray();
    }
}
