using Microsoft.AspNetCore.Builder;
using Orleans.Kinesis.Host.Tests.Authentication;

namespace Orleans.Kinesis.Host.Tests.Security;

/// <summary>
/// A server that verifies signatures, with short connection timeouts so the tests can watch sockets being closed:
/// 500 ms for a connection's first bytes and 1 s of keep-alive.
/// </summary>
public sealed class HardenedServerFixture : IAsyncLifetime
{
    public static readonly TimeSpan FirstBytesTimeout = TimeSpan.FromMilliseconds(500);
    public static readonly TimeSpan KeepAliveTimeout = TimeSpan.FromSeconds(1);

    private WebApplication? _app;

    public Uri Endpoint { get; private set; } = null!;

    public TestSigner Signer { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var options = new KinesisHostOptions
        {
            Port = 0,
            InMemory = true,
            ControlPlaneLimits = false,
            FirstBytesTimeoutMs = (int)FirstBytesTimeout.TotalMilliseconds,
            KeepAliveTimeoutMs = (int)KeepAliveTimeout.TotalMilliseconds,
        };
        options.AccessKeys[SigningServerFixture.AccessKeyId] = SigningServerFixture.SecretAccessKey;
        _app = KinesisServer.Build(options);
        await _app.StartAsync();
        Endpoint = KinesisServer.Endpoint(_app);
        Signer = new TestSigner(Endpoint, SigningServerFixture.AccessKeyId, SigningServerFixture.SecretAccessKey);
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
