using System.Buffers;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;

namespace Orleans.Kinesis.Gateway.Hosting;

/// <summary>
/// Lets one cleartext Kestrel endpoint serve HTTP/1.1 and HTTP/2 with prior knowledge (h2c), which the AWS SDK for
/// JavaScript v3 and the Java SDK v2 use for every call. Kestrel picks HTTP/2 on an <c>Http1AndHttp2</c> endpoint only
/// when ALPN negotiated "h2", so this connection middleware peeks at the first bytes without consuming them and, when
/// they are the HTTP/2 client preface, reports "h2" as the negotiated application protocol.
/// </summary>
public static class H2cPrefaceDetector
{
    private static readonly byte[] Preface = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"u8.ToArray();

    public static IConnectionBuilder UseH2cPrefaceDetection(this IConnectionBuilder builder)
        => builder.Use(next => connection => DetectAsync(connection, next));

    private static async Task DetectAsync(ConnectionContext connection, ConnectionDelegate next)
    {
        var input = connection.Transport.Input;
        while (true)
        {
            var result = await input.ReadAsync(connection.ConnectionClosed);
            var buffer = result.Buffer;
            var verdict = Match(buffer);
            // Examine everything but consume nothing: Kestrel's HTTP parser reads the same bytes next.
            input.AdvanceTo(buffer.Start, verdict == PrefaceMatch.NeedMore ? buffer.End : buffer.Start);
            if (verdict == PrefaceMatch.Preface)
            {
                connection.Features.Set<ITlsApplicationProtocolFeature>(H2Protocol.Instance);
                break;
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

    private sealed class H2Protocol : ITlsApplicationProtocolFeature
    {
        public static readonly H2Protocol Instance = new();

        public ReadOnlyMemory<byte> ApplicationProtocol { get; } = "h2"u8.ToArray();
    }
}
