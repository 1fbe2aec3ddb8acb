using System.Net;

namespace Orleans.Kinesis.Host.Tests.Rest;

[Trait("Area", "Rest")]
public sealed class RestMetricsTests : IClassFixture<RestServer>
{
    private readonly RestServer _server;

    public RestMetricsTests(RestServer server) => _server = server;

    [Fact]
    public async Task Metrics_WithoutASeriesSource_Answer501NotAvailable()
    {
        var response = await _server.Rest.GetAsync("/api/v1/metrics?namespace=AWS/Kinesis&metric=IncomingRecords&stream=orders&minutes=15");
        Assert.Equal("Metrics are not available: this server has no metric series source.",
            response.Problem(HttpStatusCode.NotImplemented, "MetricsNotAvailableException"));
    }

    [Theory]
    [InlineData("/api/v1/metrics?stream=orders")]
    [InlineData("/api/v1/metrics?metric=IncomingRecords&minutes=0")]
    [InlineData("/api/v1/metrics?metric=IncomingRecords&period=90")]
    public async Task Metrics_BadQuery_IsInvalidArgument(string path)
        => (await _server.Rest.GetAsync(path)).Problem(HttpStatusCode.BadRequest, "InvalidArgumentException");
}
