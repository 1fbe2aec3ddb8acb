using Orleans.Kinesis.Host.Tests.Infrastructure;

namespace Orleans.Kinesis.Host.Tests.DataStreams;

/// <summary>Resource policies on streams and consumers, and the account's billing commitment.</summary>
[Collection(ServerCollection.Name)]
[Trait("Area", "DataStreams")]
public sealed class AccountTests
{
    private const string Policy = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::000000000000:root"},"Action":"kinesis:GetRecords","Resource":"*"}]}""";
    private readonly ServerFixture _server;

    public AccountTests(ServerFixture server) => _server = server;

    private KinesisHttp Http => _server.Http1;

    [Fact]
    public async Task ResourcePolicy_PutGetDelete_OnAStream()
    {
        var stream = await Streams.CreateActiveAsync(Http, "policy", 1);
        var arn = $"arn:aws:kinesis:us-east-1:000000000000:stream/{stream}";

        var empty = await Http.OkAsync("GetResourcePolicy", new { ResourceARN = arn });
        await Http.OkAsync("PutResourcePolicy", new { ResourceARN = arn, Policy });
        var stored = await Http.OkAsync("GetResourcePolicy", new { ResourceARN = arn });
        await Http.OkAsync("DeleteResourcePolicy", new { ResourceARN = arn });
        var deleted = await Http.OkAsync("GetResourcePolicy", new { ResourceARN = arn });

        Assert.Equal("{}", empty!["Policy"]!.GetValue<string>());
        Assert.Equal(Policy, stored!["Policy"]!.GetValue<string>());
        Assert.Equal("{}", deleted!["Policy"]!.GetValue<string>());
    }

    [Fact]
    public async Task ResourcePolicy_OnAConsumer_AndErrors()
    {
        var stream = await Streams.CreateActiveAsync(Http, "policy-consumer", 1);
        var streamArn = $"arn:aws:kinesis:us-east-1:000000000000:stream/{stream}";
        var consumerArn = (await Http.OkAsync("RegisterStreamConsumer", new { StreamARN = streamArn, ConsumerName = "reader" }))!["Consumer"]!["ConsumerARN"]!.GetValue<string>();

        await Http.OkAsync("PutResourcePolicy", new { ResourceARN = consumerArn, Policy });
        var stored = await Http.OkAsync("GetResourcePolicy", new { ResourceARN = consumerArn });
        var notJson = await Http.CallAsync("PutResourcePolicy", new { ResourceARN = streamArn, Policy = "not a policy" });
        var missing = await Http.CallAsync("GetResourcePolicy", new { ResourceARN = "arn:aws:kinesis:us-east-1:000000000000:stream/no-such-stream" });
        var noPolicy = await Http.CallAsync("PutResourcePolicy", new { ResourceARN = streamArn });

        Assert.Equal(Policy, stored!["Policy"]!.GetValue<string>());
        Assert.Equal("InvalidArgumentException", notJson.ErrorType);
        missing.AssertError("ResourceNotFoundException", "Stream no-such-stream under account 000000000000 not found.");
        noPolicy.AssertError("ValidationException", "1 validation error detected: Value null at 'policy' failed to satisfy constraint: Member must not be null");
    }

    [Fact]
    public async Task AccountSettings_CommitmentLastsAtLeast24Hours()
    {
        var enabled = (await Http.OkAsync("UpdateAccountSettings", new { MinimumThroughputBillingCommitment = new { Status = "ENABLED" } }))!["MinimumThroughputBillingCommitment"]!;
        var ending = (await Http.OkAsync("UpdateAccountSettings", new { MinimumThroughputBillingCommitment = new { Status = "DISABLED" } }))!["MinimumThroughputBillingCommitment"]!;
        _server.Time.Shift(TimeSpan.FromHours(24) + TimeSpan.FromMinutes(1));
        var after = (await Http.OkAsync("DescribeAccountSettings", new { }))!["MinimumThroughputBillingCommitment"]!;
        var invalid = await Http.CallAsync("UpdateAccountSettings", new { MinimumThroughputBillingCommitment = new { Status = "MAYBE" } });

        Assert.Equal("ENABLED", enabled["Status"]!.GetValue<string>());
        Assert.Equal(enabled["StartedAt"]!.GetValue<double>() + 86_400, enabled["EarliestAllowedEndAt"]!.GetValue<double>(), 3);
        Assert.Equal("ENABLED_UNTIL_EARLIEST_ALLOWED_END", ending["Status"]!.GetValue<string>());
        Assert.Equal("DISABLED", after["Status"]!.GetValue<string>());
        invalid.AssertError("ValidationException",
            "1 validation error detected: Value 'MAYBE' at 'minimumThroughputBillingCommitment.status' failed to satisfy constraint: Member must satisfy enum value set: [ENABLED, DISABLED]");
    }
}
