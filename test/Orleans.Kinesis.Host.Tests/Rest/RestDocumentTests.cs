using System.Net;

namespace Orleans.Kinesis.Host.Tests.Rest;

[Trait("Area", "Rest")]
public sealed class RestDocumentTests : IClassFixture<RestServer>
{
    private readonly RestServer _server;

    public RestDocumentTests(RestServer server) => _server = server;

    [Fact]
    public async Task OpenApiDocument_DescribesEveryRoute()
    {
        var document = (await _server.Rest.GetAsync("/openapi/v1.json")).Ok();
        var paths = document["paths"]!.AsObject().Select(p => p.Key).ToHashSet();
        string[] expected =
        [
            "/api/v1/streams", "/api/v1/streams/{name}", "/api/v1/streams/{name}/reshard", "/api/v1/streams/{name}/shards",
            "/api/v1/streams/{name}/shards/{shardId}/records", "/api/v1/streams/{name}/records", "/api/v1/streams/{name}/consumers",
            "/api/v1/streams/{name}/consumers/{consumerName}", "/api/v1/delivery-streams", "/api/v1/delivery-streams/{name}",
            "/api/v1/delivery-streams/{name}/records", "/api/v1/metrics", "/api/v1/streams/{name}/shard-metrics",
        ];
        Assert.All(expected, path => Assert.Contains(path, paths));
        Assert.NotNull(document["components"]!["schemas"]!["StreamResource"]);
    }

    [Fact]
    public async Task Console_IsServedUnderConsole()
    {
        var redirect = await _server.Rest.GetAsync("/console");
        Assert.Equal(HttpStatusCode.Redirect, redirect.Status);
        var page = await _server.Rest.GetAsync("/console/");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("text/html", page.ContentType);
        Assert.Contains("js/app.js", page.Text, StringComparison.Ordinal);
        var script = await _server.Rest.GetAsync("/console/js/views/stream.js");
        Assert.Equal(HttpStatusCode.OK, script.Status);
        Assert.Equal("text/javascript", script.ContentType);
        var style = await _server.Rest.GetAsync("/console/style.css");
        Assert.Equal("text/css", style.ContentType);
    }

    [Fact]
    public async Task AwsApi_StillAnswersBesideTheRestApi()
    {
        var response = await _server.Aws.CallAsync("ListStreams", new { });
        Assert.Equal(HttpStatusCode.OK, response.Status);
        var notAws = await _server.Rest.GetAsync("/");
        Assert.Equal(HttpStatusCode.NotFound, notAws.Status);
        Assert.Equal("application/xml", notAws.ContentType);
    }
}
