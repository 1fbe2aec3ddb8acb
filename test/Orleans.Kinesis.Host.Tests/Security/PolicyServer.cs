using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Orleans.Kinesis.Host.Tests.Infrastructure;

namespace Orleans.Kinesis.Host.Tests.Security;

/// <summary>
/// A server (in memory, no control-plane limits) with a policy file and access keys sharing one secret, and signed
/// calls by any of those keys.
/// </summary>
public sealed class PolicyServer : IAsyncDisposable
{
    public const string Secret = "policy-test-secret";
    private readonly TempDataDirectory _folder;
    private readonly WebApplication _app;
    private readonly HttpClient _client = new();

    private PolicyServer(TempDataDirectory folder, WebApplication app)
    {
        _folder = folder;
        _app = app;
        Endpoint = KinesisServer.Endpoint(app);
    }

    public Uri Endpoint { get; }

    /// <summary>Starts a server with <paramref name="policyFile"/> as its policy file, the keys and any further switches.</summary>
    public static async Task<PolicyServer> StartAsync(string policyFile, IEnumerable<string> accessKeys, params string[] switches)
    {
        var folder = new TempDataDirectory("policies");
        var file = Path.Combine(folder.Path, "policies.json");
        await File.WriteAllTextAsync(file, policyFile);
        var args = new List<string> { "--port", "0", "--in-memory", "--no-control-plane-limits", "--policy-file", file };
        foreach (var key in accessKeys)
        {
            args.AddRange(["--access-key", key + ":" + Secret]);
        }

        args.AddRange(switches);
        var app = KinesisServer.Build(KinesisHostOptions.Parse([.. args]));
        await app.StartAsync();
        return new PolicyServer(folder, app);
    }

    public TestSigner Signer(string accessKeyId) => new(Endpoint, accessKeyId, Secret);

    public async Task<(HttpStatusCode Status, string? Type, string? Message)> CallAsync(TestSigner signer, string operation, string body)
    {
        using var request = signer.Sign("Kinesis_20131202." + operation, body);
        using var response = await _client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var json = text.Length > 0 ? JsonNode.Parse(text) : null;
        return (response.StatusCode, json?["__type"]?.GetValue<string>(), json?["message"]?.GetValue<string>());
    }

    public async Task OkAsync(TestSigner signer, string operation, string body)
    {
        var (status, type, message) = await CallAsync(signer, operation, body);
        Assert.True(status == HttpStatusCode.OK, $"{operation} {body}: {(int)status} {type} {message}");
    }

    public async Task WaitForActiveAsync(TestSigner signer, string stream)
    {
        var watch = Stopwatch.StartNew();
        string? last = null;
        while (watch.Elapsed < TimeSpan.FromSeconds(30))
        {
            using var request = signer.Sign("Kinesis_20131202.DescribeStreamSummary", $$"""{"StreamName":"{{stream}}"}""");
            using var response = await _client.SendAsync(request);
            last = JsonNode.Parse(await response.Content.ReadAsStringAsync())?["StreamDescriptionSummary"]?["StreamStatus"]?.GetValue<string>();
            if (last == "ACTIVE")
            {
                return;
            }

            await Task.Yield();
        }

        Assert.Fail($"stream {stream} did not become ACTIVE within 30 s (last status {last})");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _client.Dispose();
        _folder.Dispose();
    }
}
