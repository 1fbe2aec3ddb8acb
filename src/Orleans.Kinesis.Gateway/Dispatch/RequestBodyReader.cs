using System.Buffers;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Orleans.Kinesis.Protocol.Operations;

namespace Orleans.Kinesis.Gateway.Dispatch;

/// <summary>
/// Reads a request body into a pooled buffer that grows with the bytes that actually arrive (never sized from
/// <c>Content-Length</c>), bounded by the operation's limit: the data-plane puts may use the server's whole
/// <c>MaxRequestBodySize</c>, every other operation <see cref="ControlPlaneBodyLimit"/>. A body over the limit is
/// refused by Kestrel with 413 (at once when <c>Content-Length</c> already says so).
/// </summary>
public static class RequestBodyReader
{
    /// <summary>Largest body of any operation other than PutRecord(s) and Firehose PutRecord(Batch).</summary>
    public const int ControlPlaneBodyLimit = 1024 * 1024;

    private const int FirstBuffer = 16 * 1024;

    public static async ValueTask<(byte[] Body, int Length)> ReadAsync(HttpRequest request, KinesisOperation operation)
    {
        LimitBody(request.HttpContext, operation);
        var buffer = ArrayPool<byte>.Shared.Rent(FirstBuffer);
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    var grown = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, length).CopyTo(grown);
                    ArrayPool<byte>.Shared.Return(buffer);
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
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }

    /// <summary>Whether the request still has body bytes nobody read (so refusing it should close an HTTP/1.x connection).</summary>
    public static bool HasUnreadBody(HttpRequest request)
        => request.ContentLength is > 0 || (request.ContentLength is null && request.Headers.TransferEncoding.Count > 0);

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
