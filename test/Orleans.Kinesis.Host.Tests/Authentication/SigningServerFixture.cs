using Microsoft.AspNetCore.Builder;
using Orleans.Kinesis.Host.Tests.Infrastructure;

namespace Orleans.Kinesis.Host.Tests.Authentication;

/// <summary>A server with access keys configured, so every request's SigV4 signature is verified.</summary>
public sealed class SigningServerFixture : IAsyncLifetime
{
    public const string AccessKeyId = "AKIDEXAMPLE";
    public const string SecretAccessKey = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

    private WebApplication? _app;

    public Uri Endpoint { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var options = new KinesisHostOptions { Port = 0, InMemory = true, ControlPlaneLimits = false };
        options.AccessKeys[AccessKeyId] = SecretAccessKey;
        _app = KinesisServer.Build(options);
        await _app.StartAsync();
        Endpoint = KinesisServer.Endpoint(_app);
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
