using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Orleans.Kinesis.Host.Tests.Firehose;

/// <summary>
/// HTTP transform hooks on loopback with the Lambda contract. <c>rewrite</c> upper-cases records and ends each with
/// a newline, drops those containing "drop" and fails those containing "fail"; <c>missing</c> leaves out the first
/// recordId; <c>error</c> answers 500. Every event received is kept, by hook.
/// </summary>
public sealed class TransformHooks : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TransformHooks(WebApplication app, Uri root)
    {
        _app = app;
        foreach (var hook in (string[])["rewrite", "missing", "error"])
        {
            Mappings[Arn(hook)] = new Uri(root, hook);
        }
    }

    public Dictionary<string, Uri> Mappings { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, ConcurrentQueue<JsonNode>> Events { get; } = new(StringComparer.Ordinal);

    public static string Arn(string function) => $"arn:aws:lambda:us-east-1:000000000000:function:{function}";

    public static async Task<TransformHooks> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        TransformHooks? hooks = null;
        app.MapPost("/{hook}", async (string hook, HttpContext http) =>
        {
            var body = await JsonNode.ParseAsync(http.Request.Body);
            hooks!.Events.GetOrAdd(hook, _ => new ConcurrentQueue<JsonNode>()).Enqueue(body!);
            if (hook == "error")
            {
                http.Response.StatusCode = 500;
                await http.Response.WriteAsync("hook failure");
                return;
            }

            var records = new JsonArray();
            var skipFirst = hook == "missing";
            foreach (var record in body!["records"]!.AsArray())
            {
                if (skipFirst)
                {
                    skipFirst = false;
                    continue;
                }

                var text = Encoding.UTF8.GetString(Convert.FromBase64String(record!["data"]!.GetValue<string>()));
                var result = text.Contains("drop", StringComparison.Ordinal) ? "Dropped"
                    : text.Contains("fail", StringComparison.Ordinal) ? "ProcessingFailed" : "Ok";
                records.Add(new JsonObject
                {
                    ["recordId"] = record["recordId"]!.GetValue<string>(),
                    ["result"] = result,
                    ["data"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(text.ToUpperInvariant() + "\n")),
                });
            }

            http.Response.ContentType = "application/json";
            await http.Response.WriteAsync(new JsonObject { ["records"] = records }.ToJsonString());
        });
        await app.StartAsync();
        hooks = new TransformHooks(app, new Uri(app.Urls.First() + "/"));
        return hooks;
    }

    public int Count(string hook) => Events.TryGetValue(hook, out var events) ? events.Count : 0;

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
