using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Kinesis.Gateway.Hosting;

namespace Orleans.Kinesis.Gateway.Tests.Hosting;

/// <summary>
/// A Kestrel app on 127.0.0.1 with the gateway's cleartext endpoint (<c>ListenKinesis</c>) whose only handler echoes
/// the request's protocol, so tests can see which HTTP stack served a connection.
/// </summary>
internal sealed class ProtocolEchoServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ProtocolEchoServer(WebApplication app, Uri address, CollectingLoggerProvider logs)
    {
        _app = app;
        Address = address;
        Logs = logs;
    }

    /// <summary>Warnings and errors the server logged.</summary>
    public CollectingLoggerProvider Logs { get; }

    public Uri Address { get; }

    public int Port => Address.Port;

    public static async Task<ProtocolEchoServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Production", Args = [] });
        var logs = new CollectingLoggerProvider();
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(logs);
        builder.Services.AddKinesisGateway();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ListenKinesis(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.Run(context => context.Response.WriteAsync(context.Request.Protocol));
        await app.StartAsync();

        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        var address = addresses.Single(a => a.StartsWith("http://127.0.0.1:", StringComparison.Ordinal));
        return new ProtocolEchoServer(app, new Uri(address), logs);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
