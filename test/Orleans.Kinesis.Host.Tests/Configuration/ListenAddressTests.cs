using System.Net;
using Orleans.Kinesis.Host.Tests.Infrastructure;

namespace Orleans.Kinesis.Host.Tests.Configuration;

/// <summary>Kestrel listens where ASPNETCORE_URLS / ASPNETCORE_HTTP_PORTS say, unless --host / --port are given.</summary>
public sealed class ListenAddressTests
{
    [Fact]
    public async Task HttpPorts_ListensOnEveryInterface_AndThenVerifiesSignatures()
    {
        using var host = new HostRun();
        host.Environment["ASPNETCORE_HTTP_PORTS"] = "8080";

        var printed = await host.ShowConfigAsync();

        Assert.Equal("http://*:8080", (string?)printed["Urls"]);
        Assert.Equal("0.0.0.0:8080", (string?)printed["ListenEndPoint"]);
        Assert.True((bool)printed["VerifySignatures"]!);
    }

    [Fact]
    public async Task Urls_WinOverHttpPorts_AndExplicitHostAndPortWinOverBoth()
    {
        using var host = new HostRun();
        host.Environment["ASPNETCORE_HTTP_PORTS"] = "8080";
        host.Environment["ASPNETCORE_URLS"] = "http://localhost:5005";

        var fromUrls = await host.ShowConfigAsync();
        var explicitPort = await host.ShowConfigAsync("--port", "6006");

        Assert.Equal("127.0.0.1:5005", (string?)fromUrls["ListenEndPoint"]);
        Assert.False((bool)fromUrls["VerifySignatures"]!);
        Assert.Equal("127.0.0.1:6006", (string?)explicitPort["ListenEndPoint"]);
    }

    [Fact]
    public async Task Server_ListensWhereAspNetCoreUrlsSays_AndAnswersTheApi()
    {
        await using var server = await ServerProcess.StartAsync(
            dataDirectory: null,
            environment: new Dictionary<string, string?> { ["ASPNETCORE_URLS"] = "http://127.0.0.1:0" },
            listenOnFreePort: false);
        using var http = new KinesisHttp(server.Endpoint, new Version(1, 1));

        var response = await http.CallAsync("ListStreams", "{}");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.NotNull(response.Json?["StreamNames"]);
        Assert.Equal("127.0.0.1", server.Endpoint.Host);
    }
}
