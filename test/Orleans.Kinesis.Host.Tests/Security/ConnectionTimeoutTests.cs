namespace Orleans.Kinesis.Host.Tests.Security;

/// <summary>
/// Sockets that never (or only partly) start a protocol, and idle keep-alive connections, are closed after the
/// configured timeouts (the fixture's are short), so they cannot pile up until file descriptors run out.
/// </summary>
[Trait("Area", "Security")]
public sealed class ConnectionTimeoutTests : IClassFixture<HardenedServerFixture>
{
    // The timeouts are 3 s; Kestrel checks its timers once a second, so allow generous slack.
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);
    private readonly HardenedServerFixture _server;

    public ConnectionTimeoutTests(HardenedServerFixture server) => _server = server;

    [Theory]
    [InlineData("")]
    [InlineData("P")]
    [InlineData("PRI * HTTP/2.0\r\n")]
    public async Task SocketThatNeverChoosesAProtocol_IsClosedAfterTheFirstBytesTimeout(string sent)
    {
        await using var socket = await RawSocket.ConnectAsync(_server.Endpoint);
        if (sent.Length > 0)
        {
            await socket.SendAsync(sent);
        }

        var answer = await socket.ReadUntilClosedAsync(Bound, $"socket that sent '{sent.TrimEnd()}'");

        Assert.Equal(string.Empty, answer);
    }

    [Fact]
    public async Task IdleKeepAliveConnection_IsClosedAfterTheKeepAliveTimeout()
    {
        await using var socket = await RawSocket.ConnectAsync(_server.Endpoint);
        await socket.SendAsync("POST / HTTP/1.1\r\nHost: " + _server.Endpoint.Authority + "\r\nContent-Type: application/x-amz-json-1.1\r\n" +
            "X-Amz-Target: Kinesis_20131202.ListStreams\r\nContent-Length: 0\r\n\r\n");

        var answer = await socket.ReadUntilClosedAsync(Bound, "idle keep-alive connection after one answer");

        Assert.StartsWith("HTTP/1.1 400 ", answer, StringComparison.Ordinal); // answered (no signature), kept alive, then closed when idle
        Assert.DoesNotContain("Connection: close", answer, StringComparison.OrdinalIgnoreCase);
    }
}
