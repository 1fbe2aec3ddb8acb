using Azure.Core;
using Azure.Core.Pipeline;

namespace Orleans.Kinesis.AzureBlob.Tests;

/// <summary>Drops the first attempt of every request as a network error, recording the headers each attempt carried.</summary>
internal sealed class FlakyTransport : HttpPipelineTransport
{
    private readonly HttpPipelineTransport _inner = new HttpClientTransport();
    private int _attempts;

    public List<(string Date, string Authorization)> Attempts { get; } = [];

    public override Request CreateRequest() => _inner.CreateRequest();

    public override void Process(HttpMessage message) => throw new NotSupportedException();

    public override async ValueTask ProcessAsync(HttpMessage message)
    {
        message.Request.Headers.TryGetValue("x-ms-date", out var date);
        message.Request.Headers.TryGetValue("Authorization", out var authorization);
        lock (Attempts)
        {
            Attempts.Add((date ?? string.Empty, authorization ?? string.Empty));
        }

        if (Interlocked.Increment(ref _attempts) == 1)
        {
            throw new IOException("Simulated connection reset on the first attempt.");
        }

        await _inner.ProcessAsync(message);
    }
}
