using Orleans.Kinesis.Host.Tests.Firehose;

namespace Orleans.Kinesis.Host.Tests.Security;

/// <summary>
/// A destination that could never be written (a bucket or prefix that escapes the bucket) is refused by
/// CreateDeliveryStream and UpdateDestination with InvalidArgumentException, and nothing is created or changed.
/// </summary>
[Collection(FirehoseCollection.Name)]
[Trait("Area", "Security")]
public sealed class FirehoseDestinationTests
{
    private const string Role = "arn:aws:iam::000000000000:role/firehose";
    private readonly FirehoseServer _server;

    public FirehoseDestinationTests(FirehoseFixture fixture) => _server = fixture.Server;

    [Theory]
    [InlineData("..", null, "Bucket name '..' in BucketARN is not a valid S3 bucket name")]
    [InlineData(".hidden", null, "Bucket name '.hidden' in BucketARN")]
    [InlineData("127.0.0.1", null, "Bucket name '127.0.0.1' in BucketARN")]
    [InlineData("ok-bucket", "../../etc/", "Prefix '../../etc/' cannot be written: it must not contain '.' or '..' path segments.")]
    [InlineData("ok-bucket", "/absolute/", "Prefix '/absolute/' cannot be written: it must not start with '/'.")]
    [InlineData("ok-bucket", "a\\b/", "Prefix 'a\\b/' cannot be written: it must not contain '\\'.")]
    public async Task Create_WithAnUnwritableDestination_IsInvalidArgument_AndCreatesNothing(string bucket, string? prefix, string message)
    {
        var name = "unwritable-" + Guid.NewGuid().ToString("N")[..8];
        var refused = await _server.ErrorAsync("CreateDeliveryStream", new
        {
            DeliveryStreamName = name,
            ExtendedS3DestinationConfiguration = new { RoleARN = Role, BucketARN = "arn:aws:s3:::" + bucket, Prefix = prefix },
        }, "InvalidArgumentException");

        Assert.StartsWith(message, refused.Json!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        await _server.ErrorAsync("DescribeDeliveryStream", new { DeliveryStreamName = name }, "ResourceNotFoundException");
    }

    [Fact]
    public async Task UpdateDestination_ToAnEscapingErrorPrefix_IsInvalidArgument_AndKeepsTheOldOne()
    {
        var name = "unwritable-" + Guid.NewGuid().ToString("N")[..8];
        await _server.CreateAsync(name, new { RoleARN = Role, BucketARN = "arn:aws:s3:::b-" + name, Prefix = "good/", ErrorOutputPrefix = "errors/!{firehose:error-output-type}/" });
        var description = (await _server.OkAsync("DescribeDeliveryStream", new { DeliveryStreamName = name }))!["DeliveryStreamDescription"]!;

        var refused = await _server.ErrorAsync("UpdateDestination", new
        {
            DeliveryStreamName = name,
            CurrentDeliveryStreamVersionId = description["VersionId"]!.GetValue<string>(),
            DestinationId = "destinationId-000000000001",
            ExtendedS3DestinationUpdate = new { ErrorOutputPrefix = "../!{firehose:error-output-type}/" },
        }, "InvalidArgumentException");
        var after = (await _server.OkAsync("DescribeDeliveryStream", new { DeliveryStreamName = name }))!["DeliveryStreamDescription"]!;

        Assert.StartsWith("ErrorOutputPrefix '../", refused.Json!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("errors/!{firehose:error-output-type}/",
            after["Destinations"]![0]!["ExtendedS3DestinationDescription"]!["ErrorOutputPrefix"]!.GetValue<string>());
    }
}
