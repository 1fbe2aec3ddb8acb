using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Orleans.Kinesis.Host.Tests.Infrastructure;
using static Orleans.Kinesis.Host.Tests.Monitoring.MetricReader;

namespace Orleans.Kinesis.Host.Tests.Monitoring;

/// <summary>
/// The two CloudWatch wire protocols side by side (JSON 1.0 of the JS SDK and botocore ≥ 1.36, the query protocol of
/// AWS CLI 2.9), GetMetricData through the JS SDK, and errors as AWS words them.
/// </summary>
[Collection(MonitoringCollection.Name)]
[Trait("Area", "Monitoring")]
public sealed class CloudWatchProtocolTests
{
    private readonly MonitoringFixture _server;

    public CloudWatchProtocolTests(MonitoringFixture server) => _server = server;

    [Fact]
    public async Task QueryProtocol_AndJson10_AnswerTheSameDatapoint()
    {
        var stream = await Streams.CreateActiveAsync(_server.Http, "cw-wire", 1);
        await _server.Http.OkAsync("PutRecords", new { StreamName = stream, Records = Enumerable.Range(0, 3).Select(_ => new { PartitionKey = "p", Data = "AAAA" }) });
        var now = _server.Clock.GetUtcNow();
        var start = now.AddHours(-1).ToString("yyyy-MM-ddTHH:mm:ssZ");
        var end = now.AddHours(1).ToString("yyyy-MM-ddTHH:mm:ssZ");

        using var http = new HttpClient();
        var form = $"Action=GetMetricStatistics&Version=2010-08-01&Namespace=AWS%2FKinesis&MetricName=IncomingRecords&Dimensions.member.1.Name=StreamName&Dimensions.member.1.Value={stream}&StartTime={Uri.EscapeDataString(start)}&EndTime={Uri.EscapeDataString(end)}&Period=7200&Statistics.member.1=Sum&Statistics.member.2=SampleCount";
        using var query = await http.SendAsync(Signed(new StringContent(form, Encoding.UTF8, "application/x-www-form-urlencoded")));
        Assert.Equal(HttpStatusCode.OK, query.StatusCode);
        var xml = XDocument.Parse(await query.Content.ReadAsStringAsync());
        XNamespace ns = "http://monitoring.amazonaws.com/doc/2010-08-01/";
        var member = xml.Root!.Element(ns + "GetMetricStatisticsResult")!.Element(ns + "Datapoints")!.Element(ns + "member")!;
        Assert.Equal("3", member.Element(ns + "Sum")!.Value);
        Assert.Equal("1", member.Element(ns + "SampleCount")!.Value);
        Assert.Equal("Count", member.Element(ns + "Unit")!.Value);

        var body = new JsonObject
        {
            ["Namespace"] = "AWS/Kinesis",
            ["MetricName"] = "IncomingRecords",
            ["Dimensions"] = new JsonArray(new JsonObject { ["Name"] = "StreamName", ["Value"] = stream }),
            ["StartTime"] = now.AddHours(-1).ToUnixTimeSeconds(),
            ["EndTime"] = now.AddHours(1).ToUnixTimeSeconds(),
            ["Period"] = 7200,
            ["Statistics"] = new JsonArray("Sum", "SampleCount"),
        };
        using var json = await http.SendAsync(Signed(new StringContent(body.ToJsonString(), Encoding.UTF8, "application/x-amz-json-1.0"), "GetMetricStatistics"));
        Assert.Equal(HttpStatusCode.OK, json.StatusCode);
        var point = JsonNode.Parse(await json.Content.ReadAsStringAsync())!["Datapoints"]![0]!;
        Assert.Equal(3, point["Sum"]!.GetValue<double>());
        Assert.Equal(member.Element(ns + "Timestamp")!.Value, DateTimeOffset.FromUnixTimeSeconds(point["Timestamp"]!.GetValue<long>()).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ"));

        var data = await _server.Metrics.JsAsync(data: [new { @namespace = KinesisNs, metric = "IncomingBytes", dimensions = Stream(stream), stat = "Sum" }]);
        var result = data["data"]!["MetricDataResults"]![0]!;
        Assert.Equal("Complete", result["StatusCode"]!.GetValue<string>());
        Assert.Equal([3 * 4.0], result["Values"]!.AsArray().Select(v => v!.GetValue<double>()));
    }

    [Fact]
    public async Task BadRequests_GetAwsErrorCodes_InBothProtocols()
    {
        using var http = new HttpClient();
        var form = "Action=GetMetricStatistics&Version=2010-08-01&Namespace=AWS%2FKinesis&MetricName=IncomingRecords&StartTime=2026-01-01T00:00:00Z&EndTime=2026-01-01T01:00:00Z&Period=30&Statistics.member.1=Sum";
        using var query = await http.SendAsync(Signed(new StringContent(form, Encoding.UTF8, "application/x-www-form-urlencoded")));
        Assert.Equal(HttpStatusCode.BadRequest, query.StatusCode);
        var xml = XDocument.Parse(await query.Content.ReadAsStringAsync());
        XNamespace ns = "http://monitoring.amazonaws.com/doc/2010-08-01/";
        Assert.Equal("InvalidParameterValue", xml.Root!.Element(ns + "Error")!.Element(ns + "Code")!.Value);

        using var json = await http.SendAsync(Signed(new StringContent("{\"MetricName\":\"IncomingRecords\"}", Encoding.UTF8, "application/x-amz-json-1.0"), "GetMetricStatistics"));
        Assert.Equal(HttpStatusCode.BadRequest, json.StatusCode);
        Assert.Equal("MissingParameter;Sender", json.Headers.GetValues("x-amzn-query-error").Single());
        Assert.Equal("MissingParameterException", JsonNode.Parse(await json.Content.ReadAsStringAsync())!["__type"]!.GetValue<string>());
    }

    private HttpRequestMessage Signed(HttpContent content, string? target = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, _server.Endpoint) { Content = content };
        request.Headers.TryAddWithoutValidation("Authorization", KinesisHttp.Authorization.Replace("/kinesis/", "/monitoring/", StringComparison.Ordinal));
        request.Headers.TryAddWithoutValidation("X-Amz-Date", _server.Clock.GetUtcNow().ToString("yyyyMMddTHHmmssZ"));
        if (target is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Amz-Target", "GraniteServiceVersion20100801." + target);
        }

        return request;
    }
}
