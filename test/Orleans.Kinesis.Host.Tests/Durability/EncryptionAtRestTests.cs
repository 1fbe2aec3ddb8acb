using System.Text;
using Orleans.Kinesis.Host.Tests.Infrastructure;

namespace Orleans.Kinesis.Host.Tests.Durability;

/// <summary>Server-side encryption on the file storage: what the log files hold, and reading back after a restart.</summary>
[Trait("Area", "Encryption")]
public sealed class EncryptionAtRestTests
{
    [Fact]
    public async Task EncryptedRecords_AreNotPlaintextOnDisk_AndReadBackAfterARestart()
    {
        using var data = new TempDataDirectory("kinesis-sse");
        const string stream = "sse-at-rest";
        const string clearMarker = "CLEAR-TEXT-CONTROL-7f3a";
        const string secretMarker = "SECRET-PAYLOAD-91c2";
        var secrets = Enumerable.Range(0, 50).Select(i => $"{secretMarker} #{i} {new string('x', i * 7)}").ToList();

        await using (var first = await ServerProcess.StartAsync(data.Path))
        {
            using var http = new KinesisHttp(first.Endpoint, new Version(1, 1));
            await http.OkAsync("CreateStream", new { StreamName = stream, ShardCount = 1 });
            await Streams.WaitForStatusAsync(http, stream, "ACTIVE");
            await http.OkAsync("PutRecord", new { StreamName = stream, PartitionKey = "clear", Data = Base64(clearMarker) });
            await http.OkAsync("StartStreamEncryption", new { StreamName = stream, EncryptionType = "KMS", KeyId = "alias/aws/kinesis" });
            await Streams.WaitForStatusAsync(http, stream, "ACTIVE");
            await http.OkAsync("PutRecords", new { StreamName = stream, Records = secrets.Select(s => new { PartitionKey = "secret", Data = Base64(s) }).ToArray() });
            var exitCode = await first.StopGracefullyAsync();
            Assert.True(exitCode == 0, $"graceful stop exited with {exitCode}\n{first.Output()}");
        }

        var logBytes = Directory.EnumerateFiles(Path.Combine(data.Path, "streams"), "*", SearchOption.AllDirectories)
            .Select(File.ReadAllBytes).ToList();
        Assert.True(logBytes.Sum(b => b.Length) > 0, "the stream wrote no files");
        Assert.True(logBytes.Any(b => Contains(b, clearMarker)), "the record written before encryption is not found in the clear: the scan cannot see records");
        Assert.False(logBytes.Any(b => Contains(b, secretMarker)), "an encrypted record's data is on disk in the clear");
        Assert.Equal(32, new FileInfo(Path.Combine(data.Path, "encryption.key")).Length);

        await using var second = await ServerProcess.StartAsync(data.Path);
        using var again = new KinesisHttp(second.Endpoint, new Version(1, 1));
        var records = await Streams.ReadAllAsync(again, stream, "shardId-000000000000");

        Assert.Equal([clearMarker, .. secrets], records.Select(r => Encoding.UTF8.GetString(Convert.FromBase64String(r["Data"]!.GetValue<string>()))));
        Assert.Equal([null, .. secrets.Select(_ => "KMS")], records.Select(r => r["EncryptionType"]?.GetValue<string>()));
        var summary = (await again.OkAsync("DescribeStreamSummary", new { StreamName = stream }))!["StreamDescriptionSummary"]!;
        Assert.Equal("KMS", summary["EncryptionType"]!.GetValue<string>());
    }

    private static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    private static bool Contains(byte[] haystack, string needle) => haystack.AsSpan().IndexOf(Encoding.UTF8.GetBytes(needle)) >= 0;
}
