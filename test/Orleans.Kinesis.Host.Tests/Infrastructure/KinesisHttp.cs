using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Orleans.Kinesis.Host.Tests.Infrastructure;

/// <summary>A raw JSON 1.1 client: exact control over target, content type, headers and body, over HTTP/1.1 or h2c.</summary>
public sealed class KinesisHttp : IDisposable
{
    public const string Authorization = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240115/us-east-1/kinesis/aws4_request, SignedHeaders=host;x-amz-date;x-amz-target, Signature=0000000000000000000000000000000000000000000000000000000000000000";

    private readonly HttpClient _client;
    private readonly Version _version;

    public KinesisHttp(Uri endpoint, Version version, int maxConnections = 16)
    {
        _version = version;
        _client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = maxConnections, UseProxy = false })
        {
            BaseAddress = endpoint,
            Timeout = TimeSpan.FromSeconds(60),
        };
    }

    public async Task<KinesisResponse> CallAsync(string operation, string body)
        => await SendAsync(Request("Kinesis_20131202." + operation, body));

    public async Task<KinesisResponse> CallAsync(string operation, object body)
        => await CallAsync(operation, JsonSerializer.Serialize(body));

    /// <summary>Calls and asserts success; returns the parsed body (null for an empty one).</summary>
    public async Task<JsonNode?> OkAsync(string operation, object body)
    {
        var response = await CallAsync(operation, body);
        Assert.True(response.Status == HttpStatusCode.OK, $"{operation} failed: {(int)response.Status} {response.Text}");
        return response.Json;
    }

    public HttpRequestMessage Request(string? target, string? body, string contentType = "application/x-amz-json-1.1", bool sign = true)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/")
        {
            Version = _version,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body ?? string.Empty)),
        };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        if (target is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Amz-Target", target);
        }

        if (sign)
        {
            request.Headers.TryAddWithoutValidation("Authorization", Authorization);
            request.Headers.TryAddWithoutValidation("X-Amz-Date", "20240115T120000Z");
        }

        return request;
    }

    public async Task<KinesisResponse> SendAsync(HttpRequestMessage request)
    {
        using (request)
        {
            using var response = await _client.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            return new KinesisResponse(response.StatusCode, response.Version, text,
                response.Content.Headers.ContentType?.MediaType,
                response.Headers.TryGetValues("x-amzn-RequestId", out var ids) ? ids.First() : null);
        }
    }

    /// <summary>Sends and returns as soon as the headers are in, for streamed bodies (SubscribeToShard).</summary>
    public Task<HttpResponseMessage> SendStreamingAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        => _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);

    public void Dispose() => _client.Dispose();
}

/// <summary>A response: status, HTTP version, body text and, when it is JSON, the parsed body.</summary>
public sealed record KinesisResponse(HttpStatusCode Status, Version Version, string Text, string? ContentType, string? RequestId)
{
    public JsonNode? Json => Text.Length == 0 || Text[0] != '{' ? null : JsonNode.Parse(Text);

    public string? ErrorType => Json?["__type"]?.GetValue<string>();

    public string? Message => (Json?["message"] ?? Json?["Message"])?.GetValue<string>();

    public void AssertError(string type, string? message = null, HttpStatusCode status = HttpStatusCode.BadRequest)
    {
        Assert.True(status == Status, $"expected {(int)status} {type}, got {(int)Status}: {Text}");
        Assert.Equal(type, ErrorType);
        if (message is not null)
        {
            Assert.Equal(message, Message);
        }
    }
}
