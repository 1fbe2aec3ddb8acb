using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Orleans.Kinesis.Abstractions.Encryption;
using Orleans.Kinesis.Abstractions.Options;
using Orleans.Kinesis.Abstractions.Records;
using Orleans.Kinesis.Host.Tests.Infrastructure;

namespace Orleans.Kinesis.Host.Tests.Durability;

/// <summary>
/// Encrypted records in the stored log, changed behind the server's back: a ciphertext copied onto another record's
/// position fails to open (the read answers InternalFailure, as for any unreadable record) instead of returning the
/// other record's data, and an envelope of the earlier format (associated data: the partition key alone) still reads.
/// </summary>
[Trait("Area", "Encryption")]
public sealed class SealedRecordPlacementTests
{
    private const string ShardId = "shardId-000000000000";
    private const string KeyArn = "arn:aws:kms:us-east-1:000000000000:alias/aws/kinesis";

    [Fact]
    public async Task ACiphertextCopiedOntoAnotherRecordsPosition_FailsToOpen_WhileTheOriginalStillReads()
    {
        using var data = new TempDataDirectory("kinesis-sse-moved");
        const string stream = "sse-moved";
        string[] sequences;
        await using (var first = await ServerProcess.StartAsync(data.Path))
        {
            using var http = new KinesisHttp(first.Endpoint, new Version(1, 1));
            await CreateEncryptedAsync(http, stream);
            var put = await http.OkAsync("PutRecords", new
            {
                StreamName = stream,
                Records = new[] { Entry("same-key", "FIRST-RECORD-a1"), Entry("same-key", "OTHER-RECORD-b2") },
            });
            sequences = put!["Records"]!.AsArray().Select(r => r!["SequenceNumber"]!.GetValue<string>()).ToArray();
            Assert.Equal(0, await first.StopGracefullyAsync());
        }

        var segment = StoredSegment.OnlyIn(ShardFolder(data.Path, stream));
        Assert.Equal(2, segment.Records.Count);
        Assert.All(segment.Records, r => Assert.Equal(RecordFlags.Encrypted, r.Flags));
        segment.Data(segment.Records[1]).CopyTo(segment.Data(segment.Records[0]));
        segment.Save();

        await using var second = await ServerProcess.StartAsync(data.Path);
        using var again = new KinesisHttp(second.Endpoint, new Version(1, 1));
        var moved = await GetRecordsAsync(again, stream, "AT_SEQUENCE_NUMBER", sequences[0]);
        var original = await GetRecordsAsync(again, stream, "AT_SEQUENCE_NUMBER", sequences[1]);

        Assert.True(moved.Status == HttpStatusCode.InternalServerError, $"the moved ciphertext was answered {(int)moved.Status}: {moved.Text}");
        Assert.Equal("InternalFailure", moved.Json!["__type"]!.GetValue<string>());
        Assert.DoesNotContain("OTHER-RECORD", moved.Text, StringComparison.Ordinal);
        Assert.True(original.Status == HttpStatusCode.OK, original.Text);
        Assert.Equal("OTHER-RECORD-b2", DataOf(original.Json!["Records"]![0]!));
    }

    [Fact]
    public async Task AnEnvelopeOfTheEarlierFormat_StillReads()
    {
        using var data = new TempDataDirectory("kinesis-sse-legacy");
        const string stream = "sse-legacy";
        const string legacyText = "WRITTEN-BY-AN-EARLIER-SERVER";
        string sequence;
        await using (var first = await ServerProcess.StartAsync(data.Path))
        {
            using var http = new KinesisHttp(first.Endpoint, new Version(1, 1));
            await CreateEncryptedAsync(http, stream);
            var put = await http.OkAsync("PutRecord", new { StreamName = stream, PartitionKey = "legacy-key", Data = Base64(new string('x', legacyText.Length)) });
            sequence = put!["SequenceNumber"]!.GetValue<string>();
            Assert.Equal(0, await first.StopGracefullyAsync());
        }

        // Replace the stored envelope by one sealed as earlier servers did: version 1, the partition key as associated data.
        var folder = ShardFolder(data.Path, stream);
        var segment = StoredSegment.OnlyIn(folder);
        var record = Assert.Single(segment.Records);
        var masterKey = File.ReadAllBytes(Path.Combine(data.Path, "encryption.key"));
        var cipher = new RecordCipher(Options.Create(new RecordEncryptionOptions { MasterKey = masterKey }));
        using (var aes = new AesGcm(cipher.DataKey(Path.GetFileName(Path.GetDirectoryName(folder))!, KeyArn), 16))
        {
            var envelope = segment.Data(record).Span;
            var plain = Encoding.UTF8.GetBytes(legacyText);
            envelope[0] = RecordCipher.LegacyVersion;
            envelope[1] = envelope[2] = 0;
            RandomNumberGenerator.Fill(envelope.Slice(3, 12));
            aes.Encrypt(envelope.Slice(3, 12), plain, envelope.Slice(15, plain.Length), envelope.Slice(15 + plain.Length, 16), record.PartitionKey);
        }

        segment.Save();

        await using var second = await ServerProcess.StartAsync(data.Path);
        using var again = new KinesisHttp(second.Endpoint, new Version(1, 1));
        var read = await GetRecordsAsync(again, stream, "AT_SEQUENCE_NUMBER", sequence);

        Assert.True(read.Status == HttpStatusCode.OK, read.Text);
        var only = Assert.Single(read.Json!["Records"]!.AsArray());
        Assert.Equal(legacyText, DataOf(only!));
        Assert.Equal("KMS", only!["EncryptionType"]!.GetValue<string>());
    }

    private static async Task CreateEncryptedAsync(KinesisHttp http, string stream)
    {
        await http.OkAsync("CreateStream", new { StreamName = stream, ShardCount = 1 });
        await Streams.WaitForStatusAsync(http, stream, "ACTIVE");
        await http.OkAsync("StartStreamEncryption", new { StreamName = stream, EncryptionType = "KMS", KeyId = "alias/aws/kinesis" });
        await Streams.WaitForStatusAsync(http, stream, "ACTIVE");
    }

    private static async Task<KinesisResponse> GetRecordsAsync(KinesisHttp http, string stream, string type, string sequence)
    {
        var iterator = await Streams.IteratorAsync(http, stream, ShardId, type, sequence);
        return await http.CallAsync("GetRecords", new { ShardIterator = iterator, Limit = 1 });
    }

    /// <summary>The folder of the stream's only incarnation's first shard.</summary>
    private static string ShardFolder(string dataDirectory, string stream)
        => Path.Combine(Assert.Single(Directory.GetDirectories(Path.Combine(dataDirectory, "streams"), stream + ".*")), ShardId);

    private static object Entry(string partitionKey, string text) => new { PartitionKey = partitionKey, Data = Base64(text) };

    private static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    private static string DataOf(JsonNode record) => Encoding.UTF8.GetString(Convert.FromBase64String(record["Data"]!.GetValue<string>()));
}
