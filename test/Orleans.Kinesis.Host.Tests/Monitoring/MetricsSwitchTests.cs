using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Orleans.Kinesis.Host.Tests.Infrastructure;

namespace Orleans.Kinesis.Host.Tests.Monitoring;

/// <summary>The metrics switch and the console format options.</summary>
[Trait("Area", "Monitoring")]
public sealed class MetricsSwitchTests
{
    [Fact]
    public void Options_ParseTheMetricsSwitchAndTheLogFormat()
    {
        var options = KinesisHostOptions.Parse(["--no-metrics", "--log-format", "json"]);
        Assert.False(options.Metrics);
        Assert.Equal("json", options.LogFormat);
        Assert.True(KinesisHostOptions.Parse([]).Metrics);
        Assert.Throws<ArgumentException>(() => KinesisHostOptions.Parse(["--log-format", "xml"]));
    }

    [Fact]
    public async Task MetricsOff_CollectsNothing_AndServesNoScrape()
    {
        var app = KinesisServer.Build(new KinesisHostOptions { Port = 0, InMemory = true, Metrics = false, ThroughputLimits = false, ControlPlaneLimits = false });
        await using (app)
        {
            await app.StartAsync();
            var endpoint = KinesisServer.Endpoint(app);
            using var http = new KinesisHttp(endpoint, new Version(1, 1));
            var stream = await Streams.CreateActiveAsync(http, "off", 1);
            await http.OkAsync("PutRecord", new { StreamName = stream, PartitionKey = "p", Data = Convert.ToBase64String(Encoding.ASCII.GetBytes("x")) });

            using var client = new HttpClient();
            var list = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new StringContent("{}", Encoding.UTF8, "application/x-amz-json-1.0") };
            list.Headers.TryAddWithoutValidation("X-Amz-Target", "GraniteServiceVersion20100801.ListMetrics");
            list.Headers.TryAddWithoutValidation("Authorization", KinesisHttp.Authorization.Replace("/kinesis/", "/monitoring/", StringComparison.Ordinal));
            list.Headers.TryAddWithoutValidation("X-Amz-Date", DateTime.UtcNow.ToString("yyyyMMddTHHmmssZ"));
            using var answer = await client.SendAsync(list);
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            Assert.Empty(JsonNode.Parse(await answer.Content.ReadAsStringAsync())!["Metrics"]!.AsArray());
            using var scrape = await client.GetAsync(new Uri(endpoint, "/metrics"));
            Assert.NotEqual(HttpStatusCode.OK, scrape.StatusCode);
            await app.StopAsync();
        }
    }
}
