using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Orleans.Kinesis.Host.Tests.Security;

/// <summary>
/// A request body sent in two parts: the first at once, the rest only when <see cref="Release"/> is called, so the
/// server holds the request (reading its body) for as long as the test wants.
/// </summary>
public sealed class HeldBody : HttpContent
{
    private readonly byte[] _body;
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public HeldBody(string json)
    {
        _body = Encoding.UTF8.GetBytes(json);
        Headers.ContentType = MediaTypeHeaderValue.Parse("application/x-amz-json-1.1");
    }

    public void Release() => _released.TrySetResult();

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        var half = _body.Length / 2;
        await stream.WriteAsync(_body.AsMemory(0, half));
        await stream.FlushAsync();
        await _released.Task;
        await stream.WriteAsync(_body.AsMemory(half));
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
