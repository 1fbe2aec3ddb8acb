using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Orleans.Kinesis.Gateway.Tests.Hosting;

/// <summary>
/// Just enough HTTP/2 over a raw socket to send the client preface in chosen pieces and one GET, and read the
/// response body of stream 1.
/// </summary>
internal sealed class RawHttp2Client : IDisposable
{
    public static readonly byte[] Preface = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"u8.ToArray();

    private const byte Data = 0x0;
    private const byte Headers = 0x1;
    private const byte Settings = 0x4;
    private const byte GoAway = 0x7;
    private const byte EndStream = 0x1;
    private const byte Ack = 0x1;

    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };

    public async Task ConnectAsync(int port, CancellationToken cancellationToken)
        => await _socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), cancellationToken);

    public async Task SendAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
        => await _socket.SendAsync(bytes, SocketFlags.None, cancellationToken);

    /// <summary>An empty SETTINGS frame, then HEADERS for <c>GET /</c> on stream 1 with END_STREAM.</summary>
    public async Task SendSettingsAndGetAsync(CancellationToken cancellationToken)
    {
        var block = new List<byte> { 0x82, 0x86, 0x84, 0x41, 9 };  // :method GET, :scheme http, :path /, :authority literal
        block.AddRange("localhost"u8.ToArray());
        await SendAsync(Frame(Settings, 0, 0, []), cancellationToken);
        await SendAsync(Frame(Headers, 0x4 | EndStream, 1, [.. block]), cancellationToken);
    }

    /// <summary>Reads frames until stream 1 ends; returns its DATA payload as text.</summary>
    public async Task<string> ReadResponseBodyAsync(CancellationToken cancellationToken)
    {
        var body = new StringBuilder();
        var header = new byte[9];
        while (true)
        {
            await ReceiveExactlyAsync(header, cancellationToken);
            var length = (header[0] << 16) | (header[1] << 8) | header[2];
            var type = header[3];
            var flags = header[4];
            var stream = BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(5)) & int.MaxValue;
            var payload = new byte[length];
            await ReceiveExactlyAsync(payload, cancellationToken);

            if (type == GoAway)
            {
                throw new InvalidOperationException("The server sent GOAWAY before answering.");
            }

            if (type == Settings && (flags & Ack) == 0)
            {
                await SendAsync(Frame(Settings, Ack, 0, []), cancellationToken);
            }

            if (stream == 1 && type == Data)
            {
                body.Append(Encoding.ASCII.GetString(payload));
            }

            if (stream == 1 && (type == Data || type == Headers) && (flags & EndStream) != 0)
            {
                return body.ToString();
            }
        }
    }

    public void Dispose() => _socket.Dispose();

    private async Task ReceiveExactlyAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        while (!buffer.IsEmpty)
        {
            var read = await _socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken);
            if (read == 0)
            {
                throw new InvalidOperationException("The server closed the connection before answering.");
            }

            buffer = buffer[read..];
        }
    }

    private static byte[] Frame(byte type, byte flags, int stream, byte[] payload)
    {
        var frame = new byte[9 + payload.Length];
        frame[0] = (byte)(payload.Length >> 16);
        frame[1] = (byte)(payload.Length >> 8);
        frame[2] = (byte)payload.Length;
        frame[3] = type;
        frame[4] = flags;
        BinaryPrimitives.WriteInt32BigEndian(frame.AsSpan(5), stream);
        payload.CopyTo(frame, 9);
        return frame;
    }
}
