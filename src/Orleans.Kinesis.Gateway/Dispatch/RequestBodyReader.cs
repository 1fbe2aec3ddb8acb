using System.Buffers;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Orleans.Kinesis.Protocol.Operations;

namespace Orleans.Kinesis.Gateway.Dispatch;

/// <summary>
/// Reads a request body into a pooled buffer, bounded by the operation's limit: the data-plane puts may use the
/// server's whole <c>MaxRequestBodySize</c>, every other operation <see cref="ControlPlaneBodyLimit"/>. A body over
/// the limit is refused by Kestrel with 413 (at once when <c>Content-Length</c> already says so). It is called only
/// after the header-level authentication; the first buffer then holds the declared <c>Content-Length</c> (so a
/// 500-record PutRecords is read without growing and copying), up to the operation's limit for a request whose
/// signature is verified and up to <see cref="UnverifiedFirstBufferLimit"/> otherwise, so that a declared length
/// alone never makes the server set aside more than that. Past the first buffer it grows with the bytes that arrive.
/// Buffers come from a pool of their own (<see cref="Return"/> gives them back): in the shared pool, next to the
/// shard logs' hot-tail blocks of the same size, most 1 MiB bodies missed and were allocated on the large-object heap.
/// </summary>
public static class RequestBodyReader
{
    /// <summary>Largest body of any operation other than PutRecord(s) and Firehose PutRecord(Batch).</summary>
    public const int ControlPlaneBodyLimit = 1024 * 1024;

    /// <summary>The most a declared length sets aside before any of the body arrived, when signatures are not verified.</summary>
    public const int UnverifiedFirstBufferLimit = 1024 * 1024;

    private const int FirstBuffer = 16 * 1024;
    private const int RetainedBuffersPerSize = 16;

    /// <summary>Pools bodies up to 2 MiB (a 500-record PutRecords of 1 KiB records takes a 1 MiB buffer); larger ones are allocated.</summary>
    private static readonly ArrayPool<byte> Buffers = ArrayPool<byte>.Create(2 * 1024 * 1024, RetainedBuffersPerSize);

    /// <param name="request">The request, whose headers passed authentication.</param>
    /// <param name="operation">Its operation, which sets the body limit.</param>
    /// <param name="signatureVerified">Whether the headers carry a signature the body will be verified against.</param>
    public static async ValueTask<(byte[] Body, int Length)> ReadAsync(HttpRequest request, KinesisOperation operation, bool signatureVerified)
    {
        var limit = LimitBody(request.HttpContext, operation);
        var buffer = Buffers.Rent(FirstBufferSize(request.ContentLength, signatureVerified ? limit : Math.Min(limit, UnverifiedFirstBufferLimit)));
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

    /// <summary>The declared length (one byte more, so the end is seen without growing), at least 16 KiB, at most <paramref name="cap"/>.</summary>
    private static int FirstBufferSize(long? contentLength, long cap)
        => contentLength is > 0 ? (int)Math.Clamp(contentLength.Value + 1, FirstBuffer, Math.Max(FirstBuffer, cap)) : FirstBuffer;

    /// <summary>Applies the operation's body limit and returns it (the most the body may hold).</summary>
    private static long LimitBody(HttpContext http, KinesisOperation operation)
    {
        var feature = http.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (operation is KinesisOperation.PutRecord or KinesisOperation.PutRecords
            or KinesisOperation.FirehosePutRecord or KinesisOperation.FirehosePutRecordBatch)
        {
            return Math.Min(feature?.MaxRequestBodySize ?? Array.MaxLength, Array.MaxLength);
        }

        if (feature is { IsReadOnly: false } && (feature.MaxRequestBodySize is null || feature.MaxRequestBodySize > ControlPlaneBodyLimit))
        {
            feature.MaxRequestBodySize = ControlPlaneBodyLimit;
        }

        return Math.Min(feature?.MaxRequestBodySize ?? ControlPlaneBodyLimit, ControlPlaneBodyLimit);
    }
}
