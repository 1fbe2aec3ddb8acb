using System.Buffers;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Orleans.Kinesis.Protocol.Operations;

namespace Orleans.Kinesis.Gateway.Dispatch;

/// <summary>
/// Reads a request body into a pooled buffer, bounded by the operation's limit: the data-plane puts may use the
/// server's whole <c>MaxRequestBodySize</c>, every other operation <see cref="ControlPlaneBodyLimit"/>. A body over
/// the limit is refused by Kestrel with 413 (at once when <c>Content-Length</c> already says so). The buffer grows
/// with the bytes that actually arrive and is never sized from <c>Content-Length</c>: the signature is only checked
/// once the body is in, so a declared length (with an access key id, which is no secret) must not make the server set
/// memory aside. Buffers come from a pool of their own (<see cref="Return"/> gives them back): in the shared pool,
/// next to the shard logs' hot-tail blocks of the same size, most 1 MiB bodies missed and were allocated on the
/// large-object heap.
/// </summary>
public static class RequestBodyReader
{
    /// <summary>Largest body of any operation other than PutRecord(s) and Firehose PutRecord(Batch).</summary>
    public const int ControlPlaneBodyLimit = 1024 * 1024;

    private const int FirstBuffer = 16 * 1024;
    private const int RetainedBuffersPerSize = 16;

    /// <summary>Pools bodies up to 2 MiB (a 500-record PutRecords of 1 KiB records takes a 1 MiB buffer); larger ones are allocated.</summary>
    private static readonly ArrayPool<byte> Buffers = ArrayPool<byte>.Create(2 * 1024 * 1024, RetainedBuffersPerSize);

    /// <param name="request">The request, whose headers passed authentication.</param>
    /// <param name="operation">Its operation, which sets the body limit.</param>
    public static async ValueTask<(byte[] Body, int Length)> ReadAsync(HttpRequest request, KinesisOperation operation)
    {
        LimitBody(request.HttpContext, operation);
        var buffer = Buffers.Rent(FirstBuffer);
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    var grown = Buffers.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, length).CopyTo(grown);
                    Buffers.Return(buffer);
                    buffer = grown;
                }

                var read = await request.Body.ReadAsync(buffer.AsMemory(length), request.HttpContext.RequestAborted);
                if (read == 0)
                {
                    return (buffer, length);
                }

                length += read;
            }
        }
        catch
        {
            Buffers.Return(buffer);
            throw;
        }
    }

    /// <summary>Gives back a body buffer from <see cref="ReadAsync"/> (or any array rented from <see cref="ArrayPool{T}.Shared"/>).</summary>
    public static void Return(byte[] buffer) => Buffers.Return(buffer);

    /// <summary>Whether the request still has body bytes nobody read (so refusing it should close an HTTP/1.x connection).</summary>
    public static bool HasUnreadBody(HttpRequest request)
        => request.ContentLength is > 0 || (request.ContentLength is null && request.Headers.TransferEncoding.Count > 0);

    /// <summary>Applies the operation's body limit.</summary>
    private static void LimitBody(HttpContext http, KinesisOperation operation)
    {
        if (operation is KinesisOperation.PutRecord or KinesisOperation.PutRecords
            or KinesisOperation.FirehosePutRecord or KinesisOperation.FirehosePutRecordBatch)
        {
            return;
        }

        var feature = http.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (feature is { IsReadOnly: false } && (feature.MaxRequestBodySize is null || feature.MaxRequestBodySize > ControlPlaneBodyLimit))
        {
            feature.MaxRequestBodySize = ControlPlaneBodyLimit;
        }
    }
}
