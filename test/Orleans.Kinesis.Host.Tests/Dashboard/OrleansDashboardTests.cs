using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Orleans.Kinesis.Host.Tests.Rest;

namespace Orleans.Kinesis.Host.Tests.Dashboard;

/// <summary>The Orleans Dashboard under /orleans/: served when turned on, guarded like the REST API, absent by default.</summary>
[Trait("Area", "Dashboard")]
public sealed class OrleansDashboardTests : IClassFixture<OrleansDashboardTests.DashboardServer>, IClassFixture<OrleansDashboardTests.SecuredDashboardServer>, IClassFixture<RestServer>
{
    private readonly DashboardServer _open;
    private readonly SecuredDashboardServer _secured;
    private readonly RestServer _plain;

    public OrleansDashboardTests(DashboardServer open, SecuredDashboardServer secured, RestServer plain)
    {
        _open = open;
        _secured = secured;
        _plain = plain;
    }

    [Fact]
    public async Task Dashboard_TurnedOn_ServesItsPageAndTheSilosCounters()
    {
        using var http = Client(_open.Endpoint);
        using var redirect = await http.GetAsync("/orleans");
        Assert.Equal(HttpStatusCode.MovedPermanently, redirect.StatusCode);
        Assert.Equal("/orleans/", redirect.Headers.Location?.OriginalString);

        using var page = await http.GetAsync("/orleans/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("index.min.js", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The counters come from the running silo, which the dashboard grain collects on its own timer: poll (bounded)
        // until they show this one active host.
        var hosts = 0;
        for (var attempt = 0; attempt < 100 && hosts != 1; attempt++)
        {
            var counters = JsonNode.Parse(await http.GetStringAsync("/orleans/DashboardCounters"))!;
            hosts = counters["totalActiveHostCount"]!.GetValue<int>();
            if (hosts != 1)
            {
                await Task.Delay(100);
            }
        }

        Assert.Equal(1, hosts);
    }

    [Fact]
    public async Task Dashboard_WhenSignaturesAreVerified_NeedsABearerToken()
    {
        using var rest = new RestClient(_secured.Endpoint);
        (await rest.GetAsync("/orleans/")).Problem(HttpStatusCode.Unauthorized, "MissingAuthenticationTokenException");
        (await rest.GetAsync("/orleans/DashboardCounters")).Problem(HttpStatusCode.Unauthorized, "MissingAuthenticationTokenException");

        using var http = Client(_secured.Endpoint);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/orleans/");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", SecuredRestServer.Token);
        using var allowed = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
    }

    [Fact]
    public async Task Dashboard_OffByDefault_IsNotServed()
    {
        using var http = Client(_plain.Endpoint);
        using var response = await http.GetAsync("/orleans/");
        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
    }

    private static HttpClient Client(Uri endpoint)
        => new(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false }) { BaseAddress = endpoint, Timeout = TimeSpan.FromSeconds(60) };

    /// <summary>A server with <c>--orleans-dashboard</c>.</summary>
    public sealed class DashboardServer : RestServer
    {
        protected override void Configure(KinesisHostOptions options) => options.Dashboard = true;
    }

    /// <summary>A server with the dashboard, one access key and one bearer token.</summary>
    public sealed class SecuredDashboardServer : RestServer
    {
        protected override void Configure(KinesisHostOptions options)
        {
            options.Dashboard = true;
            options.AccessKeys[SecuredRestServer.AccessKeyId] = SecuredRestServer.SecretAccessKey;
            options.ApiTokens.Add(SecuredRestServer.Token);
        }
    }
}
