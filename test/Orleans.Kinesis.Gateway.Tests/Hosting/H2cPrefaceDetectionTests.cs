using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Orleans.Kinesis.Gateway.Tests.Hosting;

public sealed class H2cPrefaceDetectionTests : IAsyncLifetime
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(20);
    private ProtocolEchoServer? _server;
    private HttpClient? _client;

    private ProtocolEchoServer Server => _server ?? throw new InvalidOperationException("Server not started.");

    public async Task InitializeAsync()
    {
        _server = await ProtocolEchoServer.StartAsync();
        _client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = _server.Address, Timeout = Guard };
    }

    public async Task DisposeAsync()
    {
        _client?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    [Fact]
    public async Task Http11_and_h2c_prior_knowledge_are_both_served_on_the_same_port()
    {
        Assert.Equal("HTTP/1.1", await GetProtocolAsync(HttpVersion.Version11));
        Assert.Equal("HTTP/2", await GetProtocolAsync(HttpVersion.Version20));
        Assert.Equal("HTTP/1.1", await GetProtocolAsync(HttpVersion.Version11));
    }

    [Fact]
    public async Task Many_concurrent_requests_of_both_versions_get_their_own_protocol()
    {
        var http11 = Enumerable.Range(0, 20).Select(_ => GetProtocolAsync(HttpVersion.Version11));
        var http2 = Enumerable.Range(0, 20).Select(_ => GetProtocolAsync(HttpVersion.Version20));

        var results = await Task.WhenAll(http11.Concat(http2));

        Assert.All(results[..20], r => Assert.Equal("HTTP/1.1", r));
        Assert.All(results[20..], r => Assert.Equal("HTTP/2", r));
    }

    [Fact]
    public async Task A_post_whose_first_byte_matches_the_preface_is_served_as_http11()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/")
        {
            Version = HttpVersion.Version11,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new StringContent("{}"),
        };

        using var response = await _client!.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("HTTP/1.1", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData(new[] { 24 })]
    [InlineData(new[] { 1, 23 })]
    [InlineData(new[] { 3, 5, 8, 8 })]
    [InlineData(new[] { 16, 2, 6 })]
    [InlineData(new[] { 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1 })]
    public async Task A_preface_split_across_several_writes_is_served_as_http2(int[] pieces)
    {
        using var timeout = new CancellationTokenSource(Guard);
        using var client = new RawHttp2Client();
        await client.ConnectAsync(Server.Port, timeout.Token);

        var offset = 0;
        foreach (var piece in pieces)
        {
            await client.SendAsync(RawHttp2Client.Preface.AsMemory(offset, piece), timeout.Token);
            offset += piece;
        }

        Assert.Equal(RawHttp2Client.Preface.Length, offset);
        await client.SendSettingsAndGetAsync(timeout.Token);
        var body = await WithPhaseAsync("reading the HTTP/2 response", client.ReadResponseBodyAsync(timeout.Token));

        Assert.Equal("HTTP/2", body);
    }

    [Fact]
    public async Task An_http11_request_split_after_its_first_byte_is_served_as_http11()
    {
        using var timeout = new CancellationTokenSource(Guard);
        using var socket = await ConnectAsync(timeout.Token);
        var request = "POST / HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"u8.ToArray();

        await socket.SendAsync(request.AsMemory(0, 1), SocketFlags.None, timeout.Token);
        await socket.SendAsync(request.AsMemory(1), SocketFlags.None, timeout.Token);
        var response = await WithPhaseAsync("reading the HTTP/1.1 response", ReadToEndAsync(socket, timeout.Token));

        Assert.StartsWith("HTTP/1.1 200 OK\r\n", response, StringComparison.Ordinal);
        Assert.Contains("Transfer-Encoding: chunked\r\n", response, StringComparison.Ordinal);
        Assert.EndsWith("\r\n\r\n8\r\nHTTP/1.1\r\n0\r\n\r\n", response, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(16)]
    [InlineData(23)]
    public async Task A_connection_that_sends_part_of_the_preface_and_closes_does_not_stop_the_server(int length)
    {
        using var timeout = new CancellationTokenSource(Guard);
        using (var socket = await ConnectAsync(timeout.Token))
        {
            await socket.SendAsync(RawHttp2Client.Preface.AsMemory(0, length), SocketFlags.None, timeout.Token);
            socket.Shutdown(SocketShutdown.Send);
            await WithPhaseAsync("waiting for the server to close the half-closed connection", ReadToEndAsync(socket, timeout.Token));
        }

        Assert.Equal("HTTP/1.1", await GetProtocolAsync(HttpVersion.Version11));
        Assert.Equal("HTTP/2", await GetProtocolAsync(HttpVersion.Version20));
    }

    [Fact]
    public async Task A_connection_reset_in_the_middle_of_the_preface_does_not_stop_the_server()
    {
        using var timeout = new CancellationTokenSource(Guard);
        var socket = await ConnectAsync(timeout.Token);
        await socket.SendAsync(RawHttp2Client.Preface.AsMemory(0, 10), SocketFlags.None, timeout.Token);
        socket.LingerState = new LingerOption(true, 0);
        socket.Dispose();

        Assert.Equal("HTTP/2", await GetProtocolAsync(HttpVersion.Version20));
        Assert.Equal("HTTP/1.1", await GetProtocolAsync(HttpVersion.Version11));
    }

    [Fact]
    public async Task A_connection_that_closes_without_sending_anything_does_not_stop_the_server()
    {
        using var timeout = new CancellationTokenSource(Guard);
        using (var socket = await ConnectAsync(timeout.Token))
        {
            socket.Shutdown(SocketShutdown.Send);
            await WithPhaseAsync("waiting for the server to close the empty connection", ReadToEndAsync(socket, timeout.Token));
        }

        Assert.Equal("HTTP/2", await GetProtocolAsync(HttpVersion.Version20));
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(16, false)]
    [InlineData(10, true)]
    public async Task A_client_that_leaves_before_choosing_a_protocol_logs_no_error(int prefaceBytes, bool reset)
    {
        using var timeout = new CancellationTokenSource(Guard);
        for (var i = 0; i < 10; i++)
        {
            var socket = await ConnectAsync(timeout.Token);
            await socket.SendAsync(RawHttp2Client.Preface.AsMemory(0, prefaceBytes), SocketFlags.None, timeout.Token);
            if (reset)
            {
                socket.LingerState = new LingerOption(true, 0);
            }
            else
            {
                socket.Shutdown(SocketShutdown.Send);
                await WithPhaseAsync("waiting for the server to close connection " + i, ReadToEndAsync(socket, timeout.Token));
            }

            socket.Dispose();
        }

        // With the bug most of these connections log an error before this request is answered; with the fix none ever does.
        Assert.Equal("HTTP/1.1", await GetProtocolAsync(HttpVersion.Version11));
        Assert.True(Server.Logs.Entries.Count == 0, string.Join("\n", Server.Logs.Entries));
    }

    private async Task<string> GetProtocolAsync(Version version)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/") { Version = version, VersionPolicy = HttpVersionPolicy.RequestVersionExact };
        using var response = await _client!.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(version, response.Version);
        return await response.Content.ReadAsStringAsync();
    }

    private async Task<Socket> ConnectAsync(CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, Server.Port), cancellationToken);
        return socket;
    }

    private static async Task<string> ReadToEndAsync(Socket socket, CancellationToken cancellationToken)
    {
        var received = new List<byte>();
        var buffer = new byte[4096];
        while (true)
        {
            int read;
            try
            {
                read = await socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken);
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionReset)
            {
                break;
            }

            if (read == 0)
            {
                break;
            }

            received.AddRange(buffer.AsSpan(0, read));
        }

        return Encoding.ASCII.GetString([.. received]);
    }

    private static async Task<T> WithPhaseAsync<T>(string phase, Task<T> task)
    {
        try
        {
            return await task;
        }
        catch (OperationCanceledException e)
        {
            throw new TimeoutException("Timed out " + phase + ".", e);
        }
    }
}
