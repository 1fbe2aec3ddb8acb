using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Kinesis.Host.Tests.Infrastructure;
using Orleans.Kinesis.TestKit.Azurite;
using Orleans.Runtime;

namespace Orleans.Kinesis.Host.Tests.Monitoring;

/// <summary>/healthz and /readyz of the real Host: while Azurite goes away and comes back, and once the silo stops.</summary>
[Trait("Area", "Monitoring")]
public sealed class HealthTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Readyz_FlipsToNotReadyWhileStorageIsDown_AndBack_WhileHealthzStaysOk()
    {
        using var data = new TempDataDirectory("kinesis-health");
        await using var azurite = await AzuriteProcess.StartNewAsync(inMemory: false);
        await using var server = await ServerProcess.StartAsync(data.Path, extraArguments: ["--storage", "blob", "--blob-connection-string", azurite.ConnectionString]);
        using var http = new HttpClient { BaseAddress = server.Endpoint };

        Assert.Equal((HttpStatusCode.OK, "ok\n"), await GetAsync(http, "/healthz"));
        Assert.Equal((HttpStatusCode.OK, "ready\n"), await GetAsync(http, "/readyz"));

        await azurite.StopAsync();
        var down = await GetAsync(http, "/readyz");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, down.Status);
        Assert.Equal("not ready: storage\n", down.Text); // names the check, nothing about the storage account
        Assert.Equal((HttpStatusCode.OK, "ok\n"), await GetAsync(http, "/healthz"));

        await azurite.StartAsync();
        var deadline = DateTime.UtcNow + Bound;
        while ((await GetAsync(http, "/readyz")).Status != HttpStatusCode.OK)
        {
            Assert.True(DateTime.UtcNow < deadline, "/readyz did not answer ready again after storage came back");
        }

        Assert.False(server.HasExited);
    }

    [Fact]
    public async Task Readyz_IsNotReadyOnceTheSiloStops_WhileHealthzStaysOk()
    {
        await using var app = KinesisServer.Build(new KinesisHostOptions { Port = 0, InMemory = true });
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = KinesisServer.Endpoint(app) };
        Assert.Equal((HttpStatusCode.OK, "ready\n"), await GetAsync(http, "/readyz"));

        // The silo leaves the cluster (its membership status moves past Active) while the web server still answers.
        using var stopping = new CancellationTokenSource(Bound);
        await app.Services.GetRequiredService<Silo>().StopAsync(stopping.Token);
        Assert.Equal((HttpStatusCode.ServiceUnavailable, "not ready: silo\n"), await GetAsync(http, "/readyz"));
        Assert.Equal((HttpStatusCode.OK, "ok\n"), await GetAsync(http, "/healthz"));
        await app.StopAsync(stopping.Token);
    }

    private static async Task<(HttpStatusCode Status, string Text)> GetAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(path);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
