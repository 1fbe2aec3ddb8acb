using System.Net.Sockets;
using System.Text;

namespace Orleans.Kinesis.Host.Tests.Security;

/// <summary>A raw TCP connection to the server, for clients that misbehave below HTTP.</summary>
public sealed class RawSocket : IAsyncDisposable
{
    private readonly TcpClient _client = new() { NoDelay = true };

    private RawSocket()
    {
    }

    public static async Task<RawSocket> ConnectAsync(Uri endpoint)
    {
        var socket = new RawSocket();
        await socket._client.ConnectAsync(endpoint.Host, endpoint.Port);
        return socket;
    }

    public async Task SendAsync(string text) => await _client.GetStream().WriteAsync(Encoding.ASCII.GetBytes(text));

    /// <summary>
    /// Sends up to <paramref name="count"/> zero bytes in 64 KiB writes and returns how many were sent before the
    /// server closed the connection (<paramref name="count"/> when it never did); fails naming the phase after <paramref name="bound"/>.
    /// </summary>
    public async Task<long> SendZerosUntilFailureAsync(long count, TimeSpan bound, string phase)
    {
        using var timeout = new CancellationTokenSource(bound);
        var chunk = new byte[64 * 1024];
        long sent = 0;
        try
        {
            while (sent < count)
            {
                var size = (int)Math.Min(chunk.Length, count - sent);
                await _client.GetStream().WriteAsync(chunk.AsMemory(0, size), timeout.Token);
                sent += size;
            }
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"{phase}: the server neither read nor refused the body within {bound.TotalSeconds} s ({sent} bytes sent)");
        }
        catch (IOException)
        {
            // reset by the server
        }

        return sent;
    }

    /// <summary>
    /// Reads until the server closes the connection, or fails naming <paramref name="phase"/> when it is still open after
    /// <paramref name="bound"/>. Returns what the server sent.
    /// </summary>
    public async Task<string> ReadUntilClosedAsync(TimeSpan bound, string phase)
    {
        using var timeout = new CancellationTokenSource(bound);
        var received = new MemoryStream();
        var buffer = new byte[4096];
        try
        {
            while (true)
            {
                var read = await _client.GetStream().ReadAsync(buffer, timeout.Token);
                if (read == 0)
                {
                    return Encoding.ASCII.GetString(received.ToArray());
                }

                received.Write(buffer, 0, read);
            }
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"{phase}: the server kept the connection open for {bound.TotalSeconds} s; it sent: {Encoding.ASCII.GetString(received.ToArray())}");
            throw;
        }
        catch (IOException)
        {
            return Encoding.ASCII.GetString(received.ToArray()); // reset by the server: closed as well
        }
    }

    public ValueTask DisposeAsync()
    {
        _client.Dispose();
        return ValueTask.CompletedTask;
    }
}
