using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Orleans.Kinesis.Host.Tests.Rest;

/// <summary>A JSON client of /api/v1 that returns status, content type and parsed body.</summary>
public sealed class RestClient : IDisposable
{
    private readonly HttpClient _client;

    public RestClient(Uri endpoint)
        => _client = new HttpClient(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false }) { BaseAddress = endpoint, Timeout = TimeSpan.FromSeconds(60) };

    public Task<RestResponse> GetAsync(string path) => SendAsync(new HttpRequestMessage(HttpMethod.Get, path));

    public Task<RestResponse> DeleteAsync(string path) => SendAsync(new HttpRequestMessage(HttpMethod.Delete, path));

    public Task<RestResponse> PostAsync(string path, object body)
        => PostRawAsync(path, body as string ?? System.Text.Json.JsonSerializer.Serialize(body), "application/json");

    public Task<RestResponse> PostRawAsync(string path, string body, string contentType)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return SendAsync(request);
    }

    public async Task<RestResponse> SendAsync(HttpRequestMessage request)
    {
        using (request)
        {
            using var response = await _client.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            return new RestResponse(response.StatusCode, response.Content.Headers.ContentType?.MediaType, text);
        }
    }

    public void Dispose() => _client.Dispose();
}
