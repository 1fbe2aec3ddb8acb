using System.Text.Json;
using Orleans.Kinesis.Gateway.Buffers;
using Orleans.Kinesis.Protocol.Json;

namespace Orleans.Kinesis.Gateway.Dispatch;

/// <summary>A pooled response body with its JSON writer; send it with <see cref="SendAsync"/>.</summary>
public sealed class JsonResponse : IDisposable
{
    private readonly PooledBufferWriter _buffer;

    public JsonResponse(int initialCapacity = 1024)
    {
        _buffer = new PooledBufferWriter(initialCapacity);
        Writer = new Utf8JsonWriter(_buffer, ResponseWriting.WriterOptions);
    }

    public Utf8JsonWriter Writer { get; }

    public async Task SendAsync(KinesisRequest request)
    {
        await Writer.FlushAsync(request.Aborted);
        await ResponseSender.SendJsonAsync(request.Http, _buffer);
    }

    public void Dispose()
    {
        Writer.Dispose();
        _buffer.Dispose();
    }
}
