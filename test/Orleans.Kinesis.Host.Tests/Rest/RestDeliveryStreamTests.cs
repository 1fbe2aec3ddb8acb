using System.Net;
using System.Text.Json;
using Orleans.Kinesis.Host.Tests.Infrastructure;

namespace Orleans.Kinesis.Host.Tests.Rest;

[Trait("Area", "Rest")]
public sealed class RestDeliveryStreamTests : IClassFixture<RestServer>
{
    private readonly RestServer _server;

    public RestDeliveryStreamTests(RestServer server) => _server = server;

    [Fact]
    public async Task ListDescribePut_ShowTheDeliveryStreamAndAcceptARecord()
    {
        var name = Streams.UniqueName("rest-fh");
        var created = await _server.Aws.SendAsync(_server.Aws.Request("Firehose_20150804.CreateDeliveryStream", JsonSerializer.Serialize(new
        {
            DeliveryStreamName = name,
            ExtendedS3DestinationConfiguration = new
            {
                RoleARN = "arn:aws:iam::000000000000:role/firehose",
                BucketARN = "arn:aws:s3:::rest-bucket",
                Prefix = "events/",
                BufferingHints = new { SizeInMBs = 2, IntervalInSeconds = 120 },
            },
        })));
        Assert.Equal(HttpStatusCode.OK, created.Status);

        var listed = (await _server.Rest.GetAsync("/api/v1/delivery-streams")).Ok()["deliveryStreams"]!.AsArray();
        var stream = listed.Single(s => s!["name"]!.GetValue<string>() == name)!;
        Assert.Equal("ACTIVE", stream["status"]!.GetValue<string>());
        Assert.Equal("DirectPut", stream["type"]!.GetValue<string>());
        Assert.Equal("arn:aws:s3:::rest-bucket", stream["destinationBucketArn"]!.GetValue<string>());
        Assert.Equal("events/", stream["destinationPrefix"]!.GetValue<string>());
        Assert.Equal(2, stream["bufferSizeMBs"]!.GetValue<int>());
        Assert.Equal(120, stream["bufferIntervalSeconds"]!.GetValue<int>());

        var described = (await _server.Rest.GetAsync("/api/v1/delivery-streams/" + name)).Ok();
        Assert.Equal($"arn:aws:firehose:us-east-1:000000000000:deliverystream/{name}", described["arn"]!.GetValue<string>());

        var put = (await _server.Rest.PostAsync($"/api/v1/delivery-streams/{name}/records", new { text = "hello firehose" })).Ok(HttpStatusCode.Created);
        Assert.False(string.IsNullOrEmpty(put["recordId"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Errors_AreTheFirehoseErrors()
    {
        (await _server.Rest.GetAsync("/api/v1/delivery-streams/no-such-delivery")).Problem(HttpStatusCode.NotFound, "ResourceNotFoundException");
        (await _server.Rest.PostAsync("/api/v1/delivery-streams/no-such-delivery/records", new { text = "x" })).Problem(HttpStatusCode.NotFound, "ResourceNotFoundException");
    }
}
