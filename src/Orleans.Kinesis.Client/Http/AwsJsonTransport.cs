using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Orleans.Kinesis.Client.Errors;
using Orleans.Kinesis.Client.Json;

namespace Orleans.Kinesis.Client.Http;

/// <summary>AWS JSON 1.1 calls: POST / with <c>X-Amz-Target: &lt;prefix&gt;.&lt;Operation&gt;</c>; errors become typed exceptions.</summary>
internal sealed class AwsJsonTransport(HttpClient http, Uri endpoint, string targetPrefix, TimeSpan requestTimeout)
{
    private static readonly MediaTypeHeaderValue JsonContentType = new("application/x-amz-json-1.1");
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

    public HttpRequestMessage CreateRequest(string operation, byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = JsonContentType;
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

        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
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
        using var request = CreateRequest(operation, body);
        using var response = await http.SendAsync(request, timeout.Token).ConfigureAwait(false);
        await EnsureSuccessAsync(response, timeout.Token).ConfigureAwait(false);
        return await response.Content.ReadAsByteArrayAsync(timeout.Token).ConfigureAwait(false);
    }
}
