using Orleans.Kinesis.Client.Credentials;
using Orleans.Kinesis.Client.Model;

namespace Orleans.Kinesis.Client.Tests.Infrastructure;

public static class TestClients
{
    public static KinesisClientOptions Options(Uri endpoint) => new()
    {
        Endpoint = endpoint,
        Region = "us-east-1",
        Credentials = AwsCredentials.Anonymous,
    };

    public static string UniqueName(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..10];

    /// <summary>Creates a stream and waits (bounded) until it is ACTIVE.</summary>
    public static async Task<string> CreateActiveStreamAsync(KinesisClient client, string prefix, int shards)
    {
        var name = UniqueName(prefix);
        await client.CreateStreamAsync(new CreateStreamRequest { StreamName = name, ShardCount = shards });
        await WaitActiveAsync(client, name);
        return name;
    }

    public static async Task WaitActiveAsync(KinesisClient client, string name)
    {
        for (var attempt = 0; attempt < 300; attempt++)
        {
            var summary = await client.DescribeStreamSummaryAsync(new DescribeStreamSummaryRequest { StreamName = name });
            if (summary.StreamDescriptionSummary.StreamStatus == "ACTIVE")
            {
                return;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"stream {name} did not become ACTIVE");
    }
}
