using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Orleans.Kinesis.Host.Tests.Monitoring;

/// <summary>
/// A small OTLP/HTTP receiver on loopback: accepts <c>POST /v1/traces</c> (protobuf ExportTraceServiceRequest), decodes
/// the spans' names and string attributes, and answers 200 with an empty ExportTraceServiceResponse.
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    private OtlpReceiver(WebApplication app) => _app = app;

    public ConcurrentQueue<ReceivedSpan> Spans { get; } = new();

    public Uri Endpoint { get; private set; } = null!;

    public static async Task<OtlpReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var receiver = new OtlpReceiver(app);
        app.MapPost("/v1/traces", async (HttpContext http) =>
        {
            using var body = new MemoryStream();
            await http.Request.Body.CopyToAsync(body);
            foreach (var span in Decode(body.ToArray()))
            {
                receiver.Spans.Enqueue(span);
            }

            http.Response.ContentType = "application/x-protobuf";
        });
        await app.StartAsync();
        receiver.Endpoint = new Uri(app.Urls.First());
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>ExportTraceServiceRequest → resource_spans(1) → scope_spans(2) → spans(2): name(5), attributes(9).</summary>
    private static IEnumerable<ReceivedSpan> Decode(byte[] request)
    {
        foreach (var resource in Fields(request, 1))
        {
            foreach (var scope in Fields(resource, 2))
            {
                foreach (var span in Fields(scope, 2))
                {
                    var name = Encoding.UTF8.GetString(Fields(span, 5).FirstOrDefault().Span);
                    var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
                    foreach (var keyValue in Fields(span, 9))
                    {
                        var key = Encoding.UTF8.GetString(Fields(keyValue, 1).FirstOrDefault().Span);
                        var value = Fields(keyValue, 2).FirstOrDefault();
                        var text = value.IsEmpty ? default : Fields(value, 1).FirstOrDefault();
                        attributes[key] = Encoding.UTF8.GetString(text.Span);
                    }

                    yield return new ReceivedSpan(name, attributes);
                }
            }
        }
    }

    /// <summary>The length-delimited fields numbered <paramref name="number"/> of a protobuf message.</summary>
    private static List<ReadOnlyMemory<byte>> Fields(ReadOnlyMemory<byte> message, int number)
    {
        var found = new List<ReadOnlyMemory<byte>>();
        var span = message.Span;
        var at = 0;
        while (at < span.Length)
        {
            var tag = Varint(span, ref at);
            var wire = (int)(tag & 7);
            switch (wire)
            {
                case 0:
                    Varint(span, ref at);
                    break;
                case 1:
                    at += 8;
                    break;
                case 5:
                    at += 4;
                    break;
                case 2:
                    var length = (int)Varint(span, ref at);
                    if ((int)(tag >> 3) == number)
                    {
                        found.Add(message.Slice(at, length));
                    }

                    at += length;
                    break;
                default:
                    throw new InvalidDataException($"unexpected protobuf wire type {wire}");
            }
        }

        return found;
    }

    private static ulong Varint(ReadOnlySpan<byte> span, ref int at)
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = span[at++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }
    }
}

public sealed record ReceivedSpan(string Name, Dictionary<string, string> Attributes);
