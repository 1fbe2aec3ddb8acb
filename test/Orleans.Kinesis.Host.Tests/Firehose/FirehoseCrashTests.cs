using System.Net;
using System.Text.Json;
using Orleans.Kinesis.Host.Tests.Infrastructure;

namespace Orleans.Kinesis.Host.Tests.Firehose;

/// <summary>The real Host killed with SIGKILL after acknowledging puts: a restarted server delivers every acknowledged record.</summary>
[Trait("Area", "Durability")]
public sealed class FirehoseCrashTests
{
    [Fact]
    public async Task KillAfterAcks_RestartDeliversEveryAcknowledgedRecordInOrder()
    {
        using var data = new TempDataDirectory("firehose-crash");
        const string name = "crash-stream";
        var acknowledged = new List<byte[]>();
        var server = await ServerProcess.StartAsync(data.Path);
        try
        {
            using var http = new KinesisHttp(server.Endpoint, new Version(1, 1));
            var create = await SendAsync(http, "CreateDeliveryStream", new
            {
                DeliveryStreamName = name,
                ExtendedS3DestinationConfiguration = new { RoleARN = "arn:aws:iam::000000000000:role/r", BucketARN = "arn:aws:s3:::crash" },
            });
            Assert.True(create.Status == HttpStatusCode.OK, create.Text);
            for (var batch = 0; batch < 20; batch++)
            {
                var records = Enumerable.Range(0, 50).Select(i => RandomBytes(100 + i)).ToArray();
                var put = await SendAsync(http, "PutRecordBatch", new { DeliveryStreamName = name, Records = records.Select(r => new { Data = Convert.ToBase64String(r) }) });
                Assert.True(put.Status == HttpStatusCode.OK, put.Text);
                Assert.Equal(0, put.Json!["FailedPutCount"]!.GetValue<int>());
                acknowledged.AddRange(records);
            }

            server.Kill();
        }
        finally
        {
            await server.DisposeAsync();
        }

        // Nothing was delivered before the kill (the default interval is 300 s); the restarted server delivers it all.
        Assert.False(Directory.Exists(Path.Combine(data.Path, "buckets", "crash")));
        var time = new ShiftableTimeProvider();
        await using var restarted = await FirehoseServer.StartAsync(data.Path, time);
        time.Shift(TimeSpan.FromSeconds(301));
        var objects = await restarted.WaitForObjectsAsync("crash", 1);
        Assert.Equal(acknowledged.SelectMany(r => r).ToArray(), objects.Values.Single());
    }

    private static Task<KinesisResponse> SendAsync(KinesisHttp http, string operation, object body)
        => http.SendAsync(http.Request("Firehose_20150804." + operation, JsonSerializer.Serialize(body)));

    private static byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        Random.Shared.NextBytes(bytes);
        return bytes;
    }
}
