using System.Net;
using Orleans.Kinesis.Host.Tests.Infrastructure;

namespace Orleans.Kinesis.Host.Tests.Rest;

[Trait("Area", "Rest")]
public sealed class RestConsumerTests : IClassFixture<RestServer>
{
    private readonly RestServer _server;

    public RestConsumerTests(RestServer server) => _server = server;

    [Fact]
    public async Task RegisterListDeregister_GoThroughTheConsumerRegistry()
    {
        var name = await Streams.CreateActiveAsync(_server.Aws, "rest-cons", 1);
        var registered = (await _server.Rest.PostAsync($"/api/v1/streams/{name}/consumers", new { name = "billing" })).Ok(HttpStatusCode.Created);
        Assert.Equal("billing", registered["name"]!.GetValue<string>());
        Assert.StartsWith($"arn:aws:kinesis:us-east-1:000000000000:stream/{name}/consumer/billing:", registered["arn"]!.GetValue<string>(), StringComparison.Ordinal);

        var listed = (await _server.Rest.GetAsync($"/api/v1/streams/{name}/consumers")).Ok()["consumers"]!.AsArray();
        Assert.Equal("billing", Assert.Single(listed)!["name"]!.GetValue<string>());
        var viaAws = await _server.Aws.OkAsync("ListStreamConsumers", new { StreamARN = $"arn:aws:kinesis:us-east-1:000000000000:stream/{name}" });
        Assert.Single(viaAws!["Consumers"]!.AsArray());

        var duplicate = await _server.Rest.PostAsync($"/api/v1/streams/{name}/consumers", new { name = "billing" });
        duplicate.Problem(HttpStatusCode.Conflict, "ResourceInUseException");

        (await _server.Rest.DeleteAsync($"/api/v1/streams/{name}/consumers/billing")).Ok(HttpStatusCode.Accepted);
        (await _server.Rest.DeleteAsync($"/api/v1/streams/{name}/consumers/nobody")).Problem(HttpStatusCode.NotFound, "ResourceNotFoundException");
        (await _server.Rest.GetAsync("/api/v1/streams/missing-stream/consumers")).Problem(HttpStatusCode.NotFound, "ResourceNotFoundException");
        (await _server.Rest.PostAsync($"/api/v1/streams/{name}/consumers", new { name = "bad name!" })).Problem(HttpStatusCode.BadRequest, "ValidationException");
    }
}
