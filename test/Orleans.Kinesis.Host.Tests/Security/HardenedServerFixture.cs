using Microsoft.AspNetCore.Builder;
using Orleans.Kinesis.Host.Tests.Authentication;

namespace Orleans.Kinesis.Host.Tests.Security;

/// <summary>
/// A server that verifies signatures, with short connection timeouts so the tests can watch sockets being closed:
/// 3 s for a connection's first bytes and 3 s of keep-alive (long enough for a loaded test machine to send its headers).
/// </summary>
public sealed class HardenedServerFixture : IAsyncLifetime
{
    public static readonly TimeSpan FirstBytesTimeout = TimeSpan.FromSeconds(3);
    public static readonly TimeSpan KeepAliveTimeout = TimeSpan.FromSeconds(3);

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
