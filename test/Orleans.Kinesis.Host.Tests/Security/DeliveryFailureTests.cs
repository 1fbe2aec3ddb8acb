using System.Text.Json.Nodes;
using Orleans.Kinesis.Host.Tests.Firehose;

namespace Orleans.Kinesis.Host.Tests.Security;

/// <summary>DescribeDeliveryStream tells a user that deliveries keep failing, and stops once one succeeds.</summary>
[Collection(FirehoseCollection.Name)]
[Trait("Area", "Security")]
public sealed class DeliveryFailureTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);
    private readonly FirehoseServer _server;

    public DeliveryFailureTests(FirehoseFixture fixture) => _server = fixture.Server;

    [Fact]
    public async Task FailingDelivery_ShowsAFailureDescription_UntilADeliverySucceeds()
    {
        var name = "blocked-" + Guid.NewGuid().ToString("N")[..8];
        await _server.CreateAsync(name, new
        {
            RoleARN = "arn:aws:iam::000000000000:role/firehose",
            BucketARN = "arn:aws:s3:::" + name,
            BufferingHints = new { SizeInMBs = 1, IntervalInSeconds = 0 },
        });
        var bucket = _server.BucketFolder(name);
        Directory.CreateDirectory(Path.GetDirectoryName(bucket)!);
        await File.WriteAllTextAsync(bucket, "a file where the bucket's folder should be"); // every delivery now fails
        Assert.Null(await FailureAsync(name));

        await _server.PutBatchAsync(name, ["stuck"u8.ToArray()]);

        var failure = await WaitForAsync(name, static f => f is not null, "a FailureDescription while the bucket is blocked");
        Assert.Equal("UNKNOWN_ERROR", failure!["Type"]!.GetValue<string>());
        var details = failure["Details"]!.GetValue<string>();
        Assert.StartsWith("Delivery to the destination has failed ", details, StringComparison.Ordinal);
        Assert.InRange(details.Length, 1, 1024);
        var description = await _server.OkAsync("DescribeDeliveryStream", new { DeliveryStreamName = name });
        Assert.Equal("ACTIVE", description!["DeliveryStreamDescription"]!["DeliveryStreamStatus"]!.GetValue<string>());

        File.Delete(bucket);
        var objects = await _server.WaitForObjectsAsync(name, 1);
        Assert.Equal("stuck"u8.ToArray(), Assert.Single(objects).Value);
        await WaitForAsync(name, static f => f is null, "no FailureDescription once a delivery succeeded");
    }

    private async Task<JsonNode?> FailureAsync(string name)
    {
        var description = await _server.OkAsync("DescribeDeliveryStream", new { DeliveryStreamName = name });
        return description!["DeliveryStreamDescription"]!["FailureDescription"];
    }

    private async Task<JsonNode?> WaitForAsync(string name, Func<JsonNode?, bool> until, string phase)
    {
        var deadline = DateTime.UtcNow + Bound;
        while (true)
        {
            var failure = await FailureAsync(name);
            if (until(failure))
            {
                return failure;
            }

            Assert.True(DateTime.UtcNow < deadline, $"{name}: waited {Bound.TotalSeconds} s for {phase}; last: {failure?.ToJsonString()}");
            await Task.Delay(50);
        }
    }
}
