using System.Buffers;
using System.IO.Pipelines;
using Microsoft.AspNetCore.Connections;

namespace Orleans.Kinesis.Gateway.Hosting;

/// <summary>
/// Lets one cleartext port serve HTTP/1.1 and HTTP/2 with prior knowledge (h2c), which the AWS SDK for JavaScript v3
/// and the Java SDK v2 use for every call. Kestrel turns HTTP/2 off on a cleartext endpoint that also allows HTTP/1.1
/// (there is no ALPN to choose by), so this connection middleware peeks at the first bytes without consuming them and
/// hands a connection that starts with the HTTP/2 client preface to an HTTP/2-only endpoint through
/// <see cref="H2cConnectionForwarder"/>; every other connection goes on to HTTP/1.1. A connection that has not shown
/// which protocol it speaks within the first-bytes timeout (silent, or a partial preface) is closed: Kestrel's own
/// timeouts only start once a protocol runs.
/// </summary>
public static class H2cPrefaceDetector
{
    private static readonly byte[] Preface = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"u8.ToArray();

    public static IConnectionBuilder UseH2cPrefaceDetection(this IConnectionBuilder builder, H2cConnectionForwarder forwarder, TimeSpan firstBytesTimeout)
        => builder.Use(next => connection => DetectAsync(connection, next, forwarder, firstBytesTimeout));

    private static async Task DetectAsync(ConnectionContext connection, ConnectionDelegate next, H2cConnectionForwarder forwarder, TimeSpan firstBytesTimeout)
    {
        var input = connection.Transport.Input;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(connection.ConnectionClosed);
        deadline.CancelAfter(firstBytesTimeout);
        while (true)
        {
            ReadResult result;
            try
            {
                result = await input.ReadAsync(deadline.Token);
            }
            catch (Exception exception) when (exception is OperationCanceledException or IOException)
            {
                // The client left, or sent too little too slowly to choose a protocol: nothing to serve, nothing to report.
                connection.Abort(new ConnectionAbortedException("No protocol chosen within the first-bytes timeout."));
                return;
            }

            var buffer = result.Buffer;
            var verdict = Match(buffer);
            // Examine everything but consume nothing: the HTTP parser reads the same bytes next.
            input.AdvanceTo(buffer.Start, verdict == PrefaceMatch.NeedMore ? buffer.End : buffer.Start);
            if (verdict == PrefaceMatch.Preface)
            {
                await forwarder.ForwardAsync(connection);
                return;
            }

            if (verdict == PrefaceMatch.NotPreface || result.IsCompleted || result.IsCanceled)
            {
                break;
            }
        }

        await next(connection);
    }

    private static PrefaceMatch Match(in ReadOnlySequence<byte> buffer)
    {
        var length = (int)Math.Min(buffer.Length, Preface.Length);
        Span<byte> head = stackalloc byte[Preface.Length];
        buffer.Slice(0, length).CopyTo(head);
        if (!head[..length].SequenceEqual(Preface.AsSpan(0, length)))
        {
            return PrefaceMatch.NotPreface;
        }

        return length == Preface.Length ? PrefaceMatch.Preface : PrefaceMatch.NeedMore;
    }

    private enum PrefaceMatch
    {
        NeedMore,
        Preface,
        NotPreface,
    }
}
