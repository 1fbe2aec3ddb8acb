using System.Net;
using Orleans.Kinesis.Host.Tests.Infrastructure;
using Orleans.Kinesis.TestKit.Azurite;

namespace Orleans.Kinesis.Host.Tests.Monitoring;

/// <summary>/healthz and /readyz of the real Host on Azure Blob storage while Azurite goes away and comes back.</summary>
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

    private static async Task<(HttpStatusCode Status, string Text)> GetAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(path);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
