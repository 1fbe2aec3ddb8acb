using System.Text;
using Microsoft.AspNetCore.Builder;
using Orleans.Kinesis.Host.Tests.Infrastructure;

namespace Orleans.Kinesis.Host.Tests.Monitoring;

/// <summary>With an OTLP endpoint configured, the spans of the API calls reach a real OTLP/HTTP receiver.</summary>
[Trait("Area", "Monitoring")]
public sealed class OtlpExportTests
{
    [Fact]
    public async Task PutRecords_IsExportedAsASpan_WithOperationStreamAndOutcome()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        var app = KinesisServer.Build(new KinesisHostOptions
        {
            Port = 0,
            InMemory = true,
            ThroughputLimits = false,
            ControlPlaneLimits = false,
            OtlpEndpoint = receiver.Endpoint,
            OtlpProtocol = "http/protobuf",
        });
        string stream;
        await using (app)
        {
            await app.StartAsync();
            using var http = new KinesisHttp(KinesisServer.Endpoint(app), new Version(1, 1));
            stream = await Streams.CreateActiveAsync(http, "otlp", 1);
            await http.OkAsync("PutRecords", new { StreamName = stream, Records = new[] { new { PartitionKey = "p", Data = Convert.ToBase64String(Encoding.ASCII.GetBytes("span")) } } });
            var missing = await http.CallAsync("PutRecords", new { StreamName = stream + "-missing", Records = new[] { new { PartitionKey = "p", Data = "AA==" } } });
            missing.AssertError("ResourceNotFoundException");
            await app.StopAsync(); // the tracer provider flushes its batch on shutdown
        }

        var puts = receiver.Spans.Where(s => s.Name == "PutRecords" && s.Attributes.GetValueOrDefault("aws.stream_name", "").StartsWith(stream, StringComparison.Ordinal)).ToList();
        var ok = Assert.Single(puts, s => s.Attributes["aws.stream_name"] == stream);
        Assert.Equal("Success", ok.Attributes["aws.outcome"]);
        Assert.Equal("PutRecords", ok.Attributes["aws.operation"]);
        var failed = Assert.Single(puts, s => s.Attributes["aws.stream_name"] == stream + "-missing");
        Assert.Equal("ResourceNotFoundException", failed.Attributes["aws.outcome"]);
    }
}
