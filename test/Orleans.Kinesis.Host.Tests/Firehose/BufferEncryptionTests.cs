using System.Text;
using Orleans.Kinesis.Host.Tests.Infrastructure;

namespace Orleans.Kinesis.Host.Tests.Firehose;

/// <summary>
/// Server-side encryption of a delivery stream: while it is ENABLED the buffered records are sealed in the buffer log
/// (no plaintext on disk), records buffered before or after stay as they were put, and the destination gets every
/// record in the clear, also after a restart.
/// </summary>
[Trait("Area", "Encryption")]
public sealed class BufferEncryptionTests
{
    [Fact]
    public async Task EncryptedDeliveryStream_BuffersNoPlaintextOnDisk_AndDeliversThePlainRecords()
    {
        using var data = new TempDataDirectory("firehose-sse");
        const string name = "sse-buffer";
        var before = Records("BEFORE-SSE-c0", 3);
        var secret = Records("SEALED-SSE-5e", 40);
        var after = Records("AFTER-SSE-d4", 3);
        var time = new ShiftableTimeProvider();
        await using (var server = await FirehoseServer.StartAsync(data.Path, time))
        {
            await server.CreateAsync(name, new { RoleARN = "arn:aws:iam::000000000000:role/r", BucketARN = "arn:aws:s3:::sse-bucket" });
            await server.PutBatchAsync(name, before);
            await server.OkAsync("StartDeliveryStreamEncryption", new
            {
                DeliveryStreamName = name,
                DeliveryStreamEncryptionConfigurationInput = new { KeyType = "AWS_OWNED_CMK" },
            });
            time.Shift(TimeSpan.FromSeconds(1));
            Assert.Equal("ENABLED", await EncryptionStatusAsync(server, name));
            var sealedPut = await server.OkAsync("PutRecordBatch", new { DeliveryStreamName = name, Records = secret.Select(r => new { Data = Convert.ToBase64String(r) }).ToArray() });
            Assert.True(sealedPut!["Encrypted"]!.GetValue<bool>());
            await server.OkAsync("StopDeliveryStreamEncryption", new { DeliveryStreamName = name });
            time.Shift(TimeSpan.FromSeconds(1));
            Assert.Equal("DISABLED", await EncryptionStatusAsync(server, name));
            await server.PutBatchAsync(name, after);
            Assert.Empty(server.ReadObjects("sse-bucket"));
        }

        var stored = Directory.EnumerateFiles(data.Path, "*", SearchOption.AllDirectories).Select(File.ReadAllBytes).ToList();
        Assert.Contains(stored, bytes => Contains(bytes, "BEFORE-SSE-c0"));
        Assert.Contains(stored, bytes => Contains(bytes, "AFTER-SSE-d4"));
        Assert.DoesNotContain(stored, bytes => Contains(bytes, "SEALED-SSE-5e"));

        var later = new ShiftableTimeProvider();
        await using var restarted = await FirehoseServer.StartAsync(data.Path, later);
        later.Shift(TimeSpan.FromSeconds(301));
        var objects = await restarted.WaitForObjectsAsync("sse-bucket", 1);
        Assert.Equal(before.Concat(secret).Concat(after).SelectMany(r => r).ToArray(), objects.Values.Single());
    }

    private static async Task<string> EncryptionStatusAsync(FirehoseServer server, string name)
    {
        var description = await server.OkAsync("DescribeDeliveryStream", new { DeliveryStreamName = name });
        return description!["DeliveryStreamDescription"]!["DeliveryStreamEncryptionConfiguration"]!["Status"]!.GetValue<string>();
    }

    private static byte[][] Records(string marker, int count)
        => Enumerable.Range(0, count).Select(i => Encoding.UTF8.GetBytes($"{marker} #{i} {new string('z', i)}\n")).ToArray();

    private static bool Contains(byte[] haystack, string needle) => haystack.AsSpan().IndexOf(Encoding.UTF8.GetBytes(needle)) >= 0;
}
