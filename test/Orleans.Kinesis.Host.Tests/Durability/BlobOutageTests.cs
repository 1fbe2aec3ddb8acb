using System.Net;
using System.Text;
using Orleans.Kinesis.Host.Tests.Infrastructure;
using Orleans.Kinesis.TestKit.Azurite;

namespace Orleans.Kinesis.Host.Tests.Durability;

/// <summary>
/// The real Host on Azure Blob storage while Azurite goes away and comes back: writes fail with a retryable 5xx
/// instead of hanging or being acknowledged, and the same server process recovers without a restart, keeping every
/// acknowledged record.
/// </summary>
[Trait("Area", "Durability")]
public sealed class BlobOutageTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task StorageOutage_PutsFailWith5xx_ThenTheServerRecoversWithoutRestart_AndKeepsEveryAcknowledgedRecord()
    {
        using var data = new TempDataDirectory("kinesis-blob-outage");
        await using var azurite = await AzuriteProcess.StartNewAsync(inMemory: false); // keeps its data across the outage
        var server = await ServerProcess.StartAsync(data.Path, extraArguments: ["--storage", "blob", "--blob-connection-string", azurite.ConnectionString]);
        try
        {
            using var http = new KinesisHttp(server.Endpoint, new Version(1, 1));
            await http.OkAsync("CreateStream", new { StreamName = "outage", ShardCount = 1 });
            await Streams.WaitForStatusAsync(http, "outage", "ACTIVE");
            var acknowledged = new List<string>();
            for (var i = 0; i < 20; i++)
            {
                acknowledged.Add(await PutAsync(http, $"before-{i}") ?? throw new InvalidOperationException("a put before the outage failed"));
            }

            await azurite.StopAsync();
            var failure = await http.CallAsync("PutRecord", Record("during"));
            Assert.True((int)failure.Status >= 500, $"a put while storage is down was answered {(int)failure.Status} {failure.Text}");
            Assert.Equal("InternalFailure", failure.Json!["__type"]!.GetValue<string>());

            await azurite.StartAsync();
            var deadline = DateTime.UtcNow + Bound;
            string? recovered = null;
            while (recovered is null)
            {
                Assert.True(DateTime.UtcNow < deadline, "the server did not accept writes again after storage came back");
                recovered = await PutAsync(http, "after");
            }

            acknowledged.Add(recovered);
            var stored = await StoredRecord.ReadStreamAsync(http, "outage");
            var texts = stored.Values.Single().Select(r => Encoding.UTF8.GetString(r.Data)).ToList();
            var sequences = stored.Values.Single().Select(r => r.SequenceNumber).ToList();
            Assert.Equal(Enumerable.Range(0, 20).Select(i => $"before-{i}").Append("after"), texts.Where(t => t != "during"));
            Assert.All(acknowledged, sequence => Assert.Contains(sequence, sequences));
            Assert.False(server.HasExited);
        }
        finally
        {
            await server.DisposeAsync();
        }
    }

    private static object Record(string text) => new { StreamName = "outage", PartitionKey = "k", Data = Convert.ToBase64String(Encoding.UTF8.GetBytes(text)) };

    /// <summary>The sequence number of an acknowledged put, or null when the server answered a retryable 5xx.</summary>
    private static async Task<string?> PutAsync(KinesisHttp http, string text)
    {
        var response = await http.CallAsync("PutRecord", Record(text));
        if (response.Status == HttpStatusCode.OK)
        {
            return response.Json!["SequenceNumber"]!.GetValue<string>();
        }

        Assert.True((int)response.Status >= 500, $"PutRecord answered {(int)response.Status} {response.Text}");
        return null;
    }
}
