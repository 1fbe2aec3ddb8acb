using Microsoft.AspNetCore.Http;
using Orleans.Kinesis.Protocol.Operations;

namespace Orleans.Kinesis.Gateway.Dispatch;

/// <summary>One API call: the HTTP context, the operation and the whole request body in a pooled buffer.</summary>
public sealed class KinesisRequest
{
    public KinesisRequest(HttpContext http, KinesisOperation operation, byte[] body, int length)
    {
        Http = http;
        Operation = operation;
        Body = body;
        Length = length;
    }

    public HttpContext Http { get; }

    public KinesisOperation Operation { get; }

    /// <summary>The pooled buffer holding the body; only the first <see cref="Length"/> bytes are the body.</summary>
    public byte[] Body { get; }

    public int Length { get; }

    public ReadOnlySpan<byte> BodySpan => Body.AsSpan(0, Length);

    public CancellationToken Aborted => Http.RequestAborted;
}
