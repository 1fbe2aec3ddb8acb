using System.Text;
using System.Text.Json.Nodes;
using Orleans.Kinesis.Host.Tests.Infrastructure;

namespace Orleans.Kinesis.Host.Tests.DataStreams;

/// <summary>Server-side encryption: Start/StopStreamEncryption, what puts and reads report, and KeyId checks.</summary>
[Collection(ServerCollection.Name)]
[Trait("Area", "Encryption")]
public sealed class EncryptionTests
{
    private const string Account = "000000000000";
    private const string KeyUuid = "1234abcd-12ab-34cd-56ef-1234567890ab";
    private readonly ServerFixture _server;

    public EncryptionTests(ServerFixture server) => _server = server;

    private KinesisHttp Http => _server.Http1;

    [Fact]
    public async Task StartAndStop_RecordsReadBackAcrossEverySwitch_WithEncryptionTypeOnlyOnEncryptedOnes()
    {
        var stream = await Streams.CreateActiveAsync(Http, "sse", 1);
        var plainPut = await PutAsync(stream, "before");

        await Http.OkAsync("StartStreamEncryption", new { StreamName = stream, EncryptionType = "KMS", KeyId = "alias/aws/kinesis" });
        await Streams.WaitForStatusAsync(Http, stream, "ACTIVE");
        var summary = (await Http.OkAsync("DescribeStreamSummary", new { StreamName = stream }))!["StreamDescriptionSummary"]!;
        var description = (await Http.OkAsync("DescribeStream", new { StreamName = stream }))!["StreamDescription"]!;
        var encryptedPut = await PutAsync(stream, "under the AWS managed key");
        var batch = await Http.OkAsync("PutRecords", new
        {
            StreamName = stream,
            Records = new[] { Entry("batch one"), Entry("batch two") },
        });

        await Http.OkAsync("StartStreamEncryption", new { StreamName = stream, EncryptionType = "KMS", KeyId = $"arn:aws:kms:us-east-1:{Account}:key/{KeyUuid}" });
        await Streams.WaitForStatusAsync(Http, stream, "ACTIVE");
        var otherKeyPut = await PutAsync(stream, "under a customer key");
        var rekeyed = (await Http.OkAsync("DescribeStreamSummary", new { StreamName = stream }))!["StreamDescriptionSummary"]!;

        await Http.OkAsync("StopStreamEncryption", new { StreamName = stream, EncryptionType = "KMS", KeyId = $"arn:aws:kms:us-east-1:{Account}:key/{KeyUuid}" });
        await Streams.WaitForStatusAsync(Http, stream, "ACTIVE");
        var afterPut = await PutAsync(stream, "after");
        var stopped = (await Http.OkAsync("DescribeStreamSummary", new { StreamName = stream }))!["StreamDescriptionSummary"]!;

        Assert.Equal("KMS", summary["EncryptionType"]!.GetValue<string>());
        Assert.Equal("alias/aws/kinesis", summary["KeyId"]!.GetValue<string>());
        Assert.Equal("KMS", description["EncryptionType"]!.GetValue<string>());
        Assert.Equal("alias/aws/kinesis", description["KeyId"]!.GetValue<string>());
        Assert.Equal($"arn:aws:kms:us-east-1:{Account}:key/{KeyUuid}", rekeyed["KeyId"]!.GetValue<string>());
        Assert.Equal("NONE", stopped["EncryptionType"]!.GetValue<string>());
        Assert.Null(stopped["KeyId"]);

        Assert.Null(plainPut["EncryptionType"]);
        Assert.Equal("KMS", encryptedPut["EncryptionType"]!.GetValue<string>());
        Assert.Equal("KMS", batch!["EncryptionType"]!.GetValue<string>());
        Assert.Equal(0, batch["FailedRecordCount"]!.GetValue<int>());
        Assert.Equal("KMS", otherKeyPut["EncryptionType"]!.GetValue<string>());
        Assert.Null(afterPut["EncryptionType"]);

        var records = await Streams.ReadAllAsync(Http, stream, "shardId-000000000000");
        Assert.Equal(
            ["before", "under the AWS managed key", "batch one", "batch two", "under a customer key", "after"],
            records.Select(r => Encoding.UTF8.GetString(Convert.FromBase64String(r["Data"]!.GetValue<string>()))));
        Assert.Equal(
            [null, "KMS", "KMS", "KMS", "KMS", null],
            records.Select(r => r["EncryptionType"]?.GetValue<string>()));
        Assert.Equal(plainPut["SequenceNumber"]!.GetValue<string>(), records[0]["SequenceNumber"]!.GetValue<string>());
        Assert.Equal(otherKeyPut["SequenceNumber"]!.GetValue<string>(), records[4]["SequenceNumber"]!.GetValue<string>());
    }

    [Fact]
    public async Task EncryptedRecord_KeepsItsLengthForThroughputAndReadsBackEmptyOrLarge()
    {
        var stream = await Streams.CreateActiveAsync(Http, "sse-sizes", 1);
        await Http.OkAsync("StartStreamEncryption", new { StreamName = stream, EncryptionType = "KMS", KeyId = KeyUuid });
        await Streams.WaitForStatusAsync(Http, stream, "ACTIVE");
        var large = new byte[1024 * 1024 - 1];
        new Random(7).NextBytes(large);

        await Http.OkAsync("PutRecord", new { StreamName = stream, PartitionKey = "e", Data = "" });
        await Http.OkAsync("PutRecord", new { StreamName = stream, PartitionKey = "l", Data = Convert.ToBase64String(large) });

        var records = await Streams.ReadAllAsync(Http, stream, "shardId-000000000000");
        Assert.Equal(2, records.Count);
        Assert.Equal(string.Empty, records[0]["Data"]!.GetValue<string>());
        Assert.Equal(Convert.ToBase64String(large), records[1]["Data"]!.GetValue<string>());
        Assert.Equal(["e", "l"], records.Select(r => r["PartitionKey"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData("KMS", "alias/aws/kinesis")]
    [InlineData("KMS", "alias/my-key_1/team")]
    [InlineData("KMS", "arn:aws:kms:us-east-1:000000000000:alias/orders")]
    [InlineData("KMS", "mrk-1234abcd12ab34cd56ef1234567890ab")]
    [InlineData("KMS", KeyUuid)]
    public async Task StartStreamEncryption_AcceptsEveryKeyIdForm(string type, string keyId)
    {
        var stream = await Streams.CreateActiveAsync(Http, "sse-key", 1);

        await Http.OkAsync("StartStreamEncryption", new { StreamName = stream, EncryptionType = type, KeyId = keyId });
        await Streams.WaitForStatusAsync(Http, stream, "ACTIVE");

        var summary = (await Http.OkAsync("DescribeStreamSummary", new { StreamName = stream }))!["StreamDescriptionSummary"]!;
        Assert.Equal(keyId, summary["KeyId"]!.GetValue<string>());
    }

    [Fact]
    public async Task StartStreamEncryption_BadInput_GetsTheServicesErrors_AndChangesNothing()
    {
        var stream = await Streams.CreateActiveAsync(Http, "sse-bad", 1);

        var badType = await Http.CallAsync("StartStreamEncryption", new { StreamName = stream, EncryptionType = "AES", KeyId = KeyUuid });
        var none = await Http.CallAsync("StartStreamEncryption", new { StreamName = stream, EncryptionType = "NONE", KeyId = KeyUuid });
        var noKey = await Http.CallAsync("StartStreamEncryption", new { StreamName = stream, EncryptionType = "KMS" });
        var longKey = await Http.CallAsync("StartStreamEncryption", new { StreamName = stream, EncryptionType = "KMS", KeyId = new string('k', 2049) });
        var malformed = await Http.CallAsync("StartStreamEncryption", new { StreamName = stream, EncryptionType = "KMS", KeyId = "not a key" });
        var otherRegion = await Http.CallAsync("StartStreamEncryption", new { StreamName = stream, EncryptionType = "KMS", KeyId = $"arn:aws:kms:eu-west-1:{Account}:key/{KeyUuid}" });
        var otherAccount = await Http.CallAsync("StartStreamEncryption", new { StreamName = stream, EncryptionType = "KMS", KeyId = $"arn:aws:kms:us-east-1:111122223333:key/{KeyUuid}" });
        var missing = await Http.CallAsync("StopStreamEncryption", new { StreamName = stream + "-missing", EncryptionType = "KMS", KeyId = KeyUuid });

        badType.AssertError("ValidationException",
            "1 validation error detected: Value 'AES' at 'encryptionType' failed to satisfy constraint: Member must satisfy enum value set: [NONE, KMS]");
        Assert.Equal("InvalidArgumentException", none.ErrorType);
        noKey.AssertError("ValidationException",
            "1 validation error detected: Value null at 'keyId' failed to satisfy constraint: Member must not be null");
        Assert.Equal("ValidationException", longKey.ErrorType);
        Assert.Contains("Member must have length less than or equal to 2048", longKey.Message, StringComparison.Ordinal);
        malformed.AssertError("KMSNotFoundException", "Invalid keyId 'not a key'.");
        Assert.Equal("KMSNotFoundException", otherRegion.ErrorType);
        Assert.Equal("KMSAccessDeniedException", otherAccount.ErrorType);
        missing.AssertError("ResourceNotFoundException", $"Stream {stream}-missing under account {Account} not found.");
        var summary = (await Http.OkAsync("DescribeStreamSummary", new { StreamName = stream }))!["StreamDescriptionSummary"]!;
        Assert.Equal("NONE", summary["EncryptionType"]!.GetValue<string>());
        Assert.Equal("ACTIVE", summary["StreamStatus"]!.GetValue<string>());
    }

    [Fact]
    public async Task EncryptionChanges_AreLimitedTo25InARolling24Hours()
    {
        var stream = await Streams.CreateActiveAsync(Http, "sse-limit", 1);
        for (var change = 0; change < 25; change++)
        {
            var operation = change % 2 == 0 ? "StartStreamEncryption" : "StopStreamEncryption";
            await Http.OkAsync(operation, new { StreamName = stream, EncryptionType = "KMS", KeyId = KeyUuid });
            await Streams.WaitForStatusAsync(Http, stream, "ACTIVE");
        }

        var refused = await Http.CallAsync("StopStreamEncryption", new { StreamName = stream, EncryptionType = "KMS", KeyId = KeyUuid });
        _server.Time.Shift(TimeSpan.FromHours(24));
        await Http.OkAsync("StopStreamEncryption", new { StreamName = stream, EncryptionType = "KMS", KeyId = KeyUuid });

        Assert.Equal("LimitExceededException", refused.ErrorType);
        Assert.Contains("25", refused.Message, StringComparison.Ordinal);
    }

    private static object Entry(string text) => new { PartitionKey = "pk", Data = Convert.ToBase64String(Encoding.UTF8.GetBytes(text)) };

    private async Task<JsonNode> PutAsync(string stream, string text)
        => (await Http.OkAsync("PutRecord", new { StreamName = stream, PartitionKey = "pk", Data = Convert.ToBase64String(Encoding.UTF8.GetBytes(text)) }))!;
}
