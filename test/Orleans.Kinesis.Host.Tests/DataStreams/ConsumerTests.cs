using System.Text.Json.Nodes;
using Orleans.Kinesis.Host.Tests.Infrastructure;

namespace Orleans.Kinesis.Host.Tests.DataStreams;

/// <summary>The consumer registry: Register/Describe/Deregister/ListStreamConsumers, limits, ARNs, tags and stream deletion.</summary>
[Collection(ServerCollection.Name)]
[Trait("Area", "DataStreams")]
public sealed class ConsumerTests
{
    private const string ConsumerArnPattern = @"^(arn):aws.*:kinesis:.*:\d{12}:.*stream\/[a-zA-Z0-9_.-]+\/consumer\/[a-zA-Z0-9_.-]+:[0-9]+";

    private readonly ServerFixture _server;

    public ConsumerTests(ServerFixture server) => _server = server;

    private KinesisHttp Http => _server.Http1;

    [Fact]
    public async Task Register_ReturnsCreatingConsumer_WhoseArnIsStreamArnNameAndCreationSecond_ThenTurnsActive()
    {
        var stream = await Streams.CreateActiveAsync(Http, "consumer-register", 1);

        var consumer = await Consumers.RegisterAsync(Http, stream, "app.reader-1");
        var arn = consumer["ConsumerARN"]!.GetValue<string>();
        await Consumers.WaitForStatusAsync(Http, arn, "ACTIVE");
        var described = (await Http.OkAsync("DescribeStreamConsumer", new { ConsumerARN = arn }))!["ConsumerDescription"]!;

        var created = consumer["ConsumerCreationTimestamp"]!.GetValue<double>();
        Assert.Equal("app.reader-1", consumer["ConsumerName"]!.GetValue<string>());
        Assert.Equal("CREATING", consumer["ConsumerStatus"]!.GetValue<string>());
        Assert.Equal($"{Consumers.StreamArn(stream)}/consumer/app.reader-1:{(long)Math.Floor(created)}", arn);
        Assert.Equal("ACTIVE", described["ConsumerStatus"]!.GetValue<string>());
        Assert.Equal(created, described["ConsumerCreationTimestamp"]!.GetValue<double>());
        Assert.Equal(Consumers.StreamArn(stream), described["StreamARN"]!.GetValue<string>());
    }

    [Fact]
    public async Task Describe_ByArn_ByStreamArnAndName_AndByAllThree_GiveTheSameDescription()
    {
        var stream = await Streams.CreateActiveAsync(Http, "consumer-describe", 1);
        var arn = await Consumers.RegisterActiveAsync(Http, stream, "c1");

        var byArn = await Http.OkAsync("DescribeStreamConsumer", new { ConsumerARN = arn });
        var byName = await Http.OkAsync("DescribeStreamConsumer", new { StreamARN = Consumers.StreamArn(stream), ConsumerName = "c1" });
        var byAll = await Http.OkAsync("DescribeStreamConsumer", new { StreamARN = Consumers.StreamArn(stream), ConsumerName = "c1", ConsumerARN = arn });

        Assert.Equal(arn, byArn!["ConsumerDescription"]!["ConsumerARN"]!.GetValue<string>());
        Assert.Equal(byArn.ToJsonString(), byName!.ToJsonString());
        Assert.Equal(byArn.ToJsonString(), byAll!.ToJsonString());
        Assert.Equal(["ConsumerName", "ConsumerARN", "ConsumerStatus", "ConsumerCreationTimestamp", "StreamARN"],
            byArn["ConsumerDescription"]!.AsObject().Select(p => p.Key));
    }

    [Fact]
    public async Task Describe_InconsistentOrIncompleteAddress_IsInvalidArgument()
    {
        var stream = await Streams.CreateActiveAsync(Http, "consumer-address", 1);
        var other = await Streams.CreateActiveAsync(Http, "consumer-address-other", 1);
        var arn = await Consumers.RegisterActiveAsync(Http, stream, "c1");

        var otherName = await Http.CallAsync("DescribeStreamConsumer", new { ConsumerARN = arn, ConsumerName = "c2" });
        var otherStream = await Http.CallAsync("DescribeStreamConsumer", new { ConsumerARN = arn, StreamARN = Consumers.StreamArn(other) });
        var nameOnly = await Http.CallAsync("DescribeStreamConsumer", new { ConsumerName = "c1" });
        var nothing = await Http.CallAsync("DeregisterStreamConsumer", new { });

        otherName.AssertError("InvalidArgumentException", $"ConsumerName c2 and ConsumerARN {arn} do not refer to the same consumer.");
        otherStream.AssertError("InvalidArgumentException", $"StreamARN {Consumers.StreamArn(other)} and ConsumerARN {arn} do not refer to the same stream.");
        nameOnly.AssertError("InvalidArgumentException", "Either ConsumerARN or both StreamARN and ConsumerName must be provided.");
        nothing.AssertError("InvalidArgumentException", "Either ConsumerARN or both StreamARN and ConsumerName must be provided.");
    }

    [Fact]
    public async Task Describe_UnknownConsumer_IsResourceNotFound_NamingWhatWasAsked()
    {
        var stream = await Streams.CreateActiveAsync(Http, "consumer-unknown", 1);
        var arn = await Consumers.RegisterActiveAsync(Http, stream, "c1");
        var staleArn = arn[..(arn.LastIndexOf(':') + 1)] + "12345";
        var otherAccount = arn.Replace(":000000000000:", ":111122223333:", StringComparison.Ordinal);
        var missingStream = Consumers.StreamArn("no-such-stream-" + stream) + "/consumer/c1:1700000000";

        var byName = await Http.CallAsync("DescribeStreamConsumer", new { StreamARN = Consumers.StreamArn(stream), ConsumerName = "nobody" });
        var byStaleArn = await Http.CallAsync("DescribeStreamConsumer", new { ConsumerARN = staleArn });
        var byOtherAccount = await Http.CallAsync("DescribeStreamConsumer", new { ConsumerARN = otherAccount });
        var onMissingStream = await Http.CallAsync("DeregisterStreamConsumer", new { ConsumerARN = missingStream });

        byName.AssertError("ResourceNotFoundException", $"Consumer nobody under stream {stream} under account 000000000000 not found.");
        byStaleArn.AssertError("ResourceNotFoundException", $"Consumer {staleArn} under stream {stream} under account 000000000000 not found.");
        byOtherAccount.AssertError("ResourceNotFoundException", $"Consumer {otherAccount} under stream {stream} under account 111122223333 not found.");
        onMissingStream.AssertError("ResourceNotFoundException", $"Consumer {missingStream} under stream no-such-stream-{stream} under account 000000000000 not found.");
    }

    [Fact]
    public async Task Register_DuplicateName_IsResourceInUse_AndUnknownStream_IsResourceNotFound()
    {
        var stream = await Streams.CreateActiveAsync(Http, "consumer-duplicate", 1);
        await Consumers.RegisterAsync(Http, stream, "same");

        var duplicate = await Http.CallAsync("RegisterStreamConsumer", new { StreamARN = Consumers.StreamArn(stream), ConsumerName = "same" });
        var unknown = await Http.CallAsync("RegisterStreamConsumer", new { StreamARN = Consumers.StreamArn("missing-" + stream), ConsumerName = "c" });

        duplicate.AssertError("ResourceInUseException", $"Consumer same under stream {stream} under account 000000000000 already exists.");
        unknown.AssertError("ResourceNotFoundException", $"Stream missing-{stream} under account 000000000000 not found.");
    }

    [Fact]
    public async Task Register_TwentyFirstConsumer_IsLimitExceeded()
    {
        var stream = await Streams.CreateActiveAsync(Http, "consumer-limit", 1);
        for (var i = 0; i < 20; i++)
        {
            await Consumers.RegisterActiveAsync(Http, stream, "c" + i);
        }

        var response = await Http.CallAsync("RegisterStreamConsumer", new { StreamARN = Consumers.StreamArn(stream), ConsumerName = "c20" });
        var summary = await Http.OkAsync("DescribeStreamSummary", new { StreamName = stream });

        response.AssertError("LimitExceededException",
            $"Stream {stream} under account 000000000000 already has 20 registered consumers, the limit is 20.");
        Assert.Equal(20, summary!["StreamDescriptionSummary"]!["ConsumerCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task List_PagesConsumersSortedByName_WithNextToken()
    {
        var stream = await Streams.CreateActiveAsync(Http, "consumer-list", 1);
        string[] names = ["delta", "alpha", "echo", "charlie", "bravo"];
        foreach (var name in names)
        {
            await Consumers.RegisterActiveAsync(Http, stream, name);
        }

        var listed = new List<string>();
        var pages = 0;
        string? token = null;
        do
        {
            JsonObject body = new() { ["StreamARN"] = Consumers.StreamArn(stream), ["MaxResults"] = 2 };
            if (token is not null)
            {
                body["NextToken"] = token;
            }

            var page = await Http.OkAsync("ListStreamConsumers", body);
            var consumers = page!["Consumers"]!.AsArray();
            Assert.True(consumers.Count <= 2, $"page {pages} has {consumers.Count} consumers");
            listed.AddRange(consumers.Select(c => c!["ConsumerName"]!.GetValue<string>()));
            Assert.All(consumers, c => Assert.Equal("ACTIVE", c!["ConsumerStatus"]!.GetValue<string>()));
            token = page["NextToken"]?.GetValue<string>();
            pages++;
        }
        while (token is not null && pages < 10);

        var all = await Http.OkAsync("ListStreamConsumers", new { StreamARN = Consumers.StreamArn(stream) });

        Assert.Equal(["alpha", "bravo", "charlie", "delta", "echo"], listed);
        Assert.Equal(3, pages);
        Assert.Equal(5, all!["Consumers"]!.AsArray().Count);
        Assert.Null(all["NextToken"]);
    }

    [Fact]
    public async Task List_ReturnsAtMostOneHundred_AndChecksMaxResultsBounds()
    {
        var stream = await Streams.CreateActiveAsync(Http, "consumer-bounds", 1);
        await Consumers.RegisterActiveAsync(Http, stream, "only");

        var large = await Http.OkAsync("ListStreamConsumers", new { StreamARN = Consumers.StreamArn(stream), MaxResults = 10000 });
        var zero = await Http.CallAsync("ListStreamConsumers", new { StreamARN = Consumers.StreamArn(stream), MaxResults = 0 });
        var tooMany = await Http.CallAsync("ListStreamConsumers", new { StreamARN = Consumers.StreamArn(stream), MaxResults = 10001 });
        var noStream = await Http.CallAsync("ListStreamConsumers", new { MaxResults = 5 });

        Assert.Single(large!["Consumers"]!.AsArray());
        zero.AssertError("ValidationException",
            "1 validation error detected: Value '0' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 1");
        tooMany.AssertError("ValidationException",
            "1 validation error detected: Value '10001' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 10000");
        noStream.AssertError("ValidationException",
            "1 validation error detected: Value null at 'streamARN' failed to satisfy constraint: Member must not be null");
    }

    [Fact]
    public async Task List_StreamCreationTimestamp_MustMatchTheStream_AndTokensExpireAfter300Seconds()
    {
        var stream = await Streams.CreateActiveAsync(Http, "consumer-token", 1);
        await Consumers.RegisterActiveAsync(Http, stream, "a");
        await Consumers.RegisterActiveAsync(Http, stream, "b");
        var created = (await Http.OkAsync("DescribeStreamSummary", new { StreamName = stream }))!["StreamDescriptionSummary"]!["StreamCreationTimestamp"]!.GetValue<double>();

        var matching = await Http.OkAsync("ListStreamConsumers", new { StreamARN = Consumers.StreamArn(stream), StreamCreationTimestamp = created, MaxResults = 1 });
        var other = await Http.CallAsync("ListStreamConsumers", new { StreamARN = Consumers.StreamArn(stream), StreamCreationTimestamp = created - 10 });
        var token = matching!["NextToken"]!.GetValue<string>();
        var otherStream = await Http.CallAsync("ListStreamConsumers", new { StreamARN = Consumers.StreamArn("x" + stream), NextToken = token });
        _server.Time.Shift(TimeSpan.FromSeconds(301));
        var expired = await Http.CallAsync("ListStreamConsumers", new { StreamARN = Consumers.StreamArn(stream), NextToken = token });

        Assert.Equal("a", matching["Consumers"]![0]!["ConsumerName"]!.GetValue<string>());
        other.AssertError("ResourceNotFoundException", $"Stream {stream} under account 000000000000 not found.");
        otherStream.AssertError("InvalidArgumentException", "Invalid NextToken: it was issued for another stream.");
        expired.AssertError("ExpiredNextTokenException", "The NextToken has expired. A NextToken is valid for 300 seconds.");
    }

    [Fact]
    public async Task Deregister_RemovesTheConsumer_AndReRegisteringTheNameGivesANewArn()
    {
        var stream = await Streams.CreateActiveAsync(Http, "consumer-deregister", 1);
        var first = await Consumers.RegisterActiveAsync(Http, stream, "again");

        await Http.OkAsync("DeregisterStreamConsumer", new { StreamARN = Consumers.StreamArn(stream), ConsumerName = "again" });
        await Consumers.WaitForStatusAsync(Http, first, null);
        var second = await Consumers.RegisterActiveAsync(Http, stream, "again");
        await Http.OkAsync("DeregisterStreamConsumer", new { ConsumerARN = second });
        await Consumers.WaitForStatusAsync(Http, second, null);
        var third = await Consumers.RegisterActiveAsync(Http, stream, "again");
        var oldArn = await Http.CallAsync("DescribeStreamConsumer", new { ConsumerARN = first });
        var listed = await Http.OkAsync("ListStreamConsumers", new { StreamARN = Consumers.StreamArn(stream) });

        Assert.True(Consumers.ArnSecond(first) < Consumers.ArnSecond(second), $"{first} then {second}");
        Assert.True(Consumers.ArnSecond(second) < Consumers.ArnSecond(third), $"{second} then {third}");
        oldArn.AssertError("ResourceNotFoundException");
        Assert.Equal(third, listed!["Consumers"]!.AsArray().Single()!["ConsumerARN"]!.GetValue<string>());
    }

    [Fact]
    public async Task DescribeStreamSummary_ConsumerCount_CountsRegisteredConsumers()
    {
        var stream = await Streams.CreateActiveAsync(Http, "consumer-count", 1);
        var before = await Http.OkAsync("DescribeStreamSummary", new { StreamName = stream });
        await Consumers.RegisterAsync(Http, stream, "one");
        await Consumers.RegisterAsync(Http, stream, "two");

        var after = await Http.OkAsync("DescribeStreamSummary", new { StreamName = stream });

        Assert.Equal(0, before!["StreamDescriptionSummary"]!["ConsumerCount"]!.GetValue<int>());
        Assert.Equal(2, after!["StreamDescriptionSummary"]!["ConsumerCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task DeleteStream_WithConsumers_NeedsEnforceConsumerDeletion_WhichRemovesThemToo()
    {
        var stream = await Streams.CreateActiveAsync(Http, "consumer-delete", 1);
        var arn = await Consumers.RegisterActiveAsync(Http, stream, "c1");

        var refused = await Http.CallAsync("DeleteStream", new { StreamName = stream });
        var refusedFalse = await Http.CallAsync("DeleteStream", new { StreamName = stream, EnforceConsumerDeletion = false });
        var stillThere = await Http.OkAsync("DescribeStreamConsumer", new { ConsumerARN = arn });
        await Http.OkAsync("DeleteStream", new { StreamName = stream, EnforceConsumerDeletion = true });
        await Consumers.WaitForStatusAsync(Http, arn, null);
        await Http.OkAsync("CreateStream", new { StreamName = stream, ShardCount = 1 });
        await Streams.WaitForStatusAsync(Http, stream, "ACTIVE");
        var recreated = await Http.OkAsync("ListStreamConsumers", new { StreamARN = Consumers.StreamArn(stream) });

        var message = $"Stream {stream} under account 000000000000 has 1 registered consumers. Deregister them first or set EnforceConsumerDeletion.";
        refused.AssertError("ResourceInUseException", message);
        refusedFalse.AssertError("ResourceInUseException", message);
        Assert.Equal("ACTIVE", stillThere!["ConsumerDescription"]!["ConsumerStatus"]!.GetValue<string>());
        Assert.Empty(recreated!["Consumers"]!.AsArray());
    }

    [Fact]
    public async Task Register_InvalidMembers_AreValidationExceptions_InTheServiceFormat()
    {
        var longName = new string('n', 129);

        var missing = await Http.CallAsync("RegisterStreamConsumer", new { ConsumerName = "bad name!" });
        var tooLong = await Http.CallAsync("RegisterStreamConsumer", new { StreamARN = Consumers.StreamArn("s"), ConsumerName = longName });
        var badArn = await Http.CallAsync("DescribeStreamConsumer", new { ConsumerARN = "arn:aws:kinesis:us-east-1:000000000000:stream/s/consumers/c" });
        var emptyTags = await Http.CallAsync("RegisterStreamConsumer", new { StreamARN = Consumers.StreamArn("s"), ConsumerName = "c", Tags = new Dictionary<string, string>() });

        missing.AssertError("ValidationException",
            "2 validation errors detected: Value null at 'streamARN' failed to satisfy constraint: Member must not be null; "
            + "Value 'bad name!' at 'consumerName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+");
        tooLong.AssertError("ValidationException",
            $"1 validation error detected: Value '{longName}' at 'consumerName' failed to satisfy constraint: Member must have length less than or equal to 128");
        badArn.AssertError("ValidationException",
            "1 validation error detected: Value 'arn:aws:kinesis:us-east-1:000000000000:stream/s/consumers/c' at 'consumerARN' failed to satisfy constraint: "
            + "Member must satisfy regular expression pattern: " + ConsumerArnPattern);
        emptyTags.AssertError("ValidationException",
            "1 validation error detected: Value '{}' at 'tags' failed to satisfy constraint: Member must have length greater than or equal to 1");
    }

    [Fact]
    public async Task ConsumerTags_ByResourceArn_AreTheConsumersOwn()
    {
        var stream = await Streams.CreateActiveAsync(Http, "consumer-tags", 1);
        var registered = await Http.OkAsync("RegisterStreamConsumer", new
        {
            StreamARN = Consumers.StreamArn(stream),
            ConsumerName = "tagged",
            Tags = new Dictionary<string, string> { ["team"] = "data" },
        });
        var arn = registered!["Consumer"]!["ConsumerARN"]!.GetValue<string>();

        await Http.OkAsync("TagResource", new { ResourceARN = arn, Tags = new Dictionary<string, string> { ["env"] = "test", ["tier"] = "1" } });
        await Http.OkAsync("UntagResource", new { ResourceARN = arn, TagKeys = new[] { "tier" } });
        var consumerTags = await Http.OkAsync("ListTagsForResource", new { ResourceARN = arn });
        var streamTags = await Http.OkAsync("ListTagsForResource", new { ResourceARN = Consumers.StreamArn(stream) });
        var stale = await Http.CallAsync("ListTagsForResource", new { ResourceARN = arn[..(arn.LastIndexOf(':') + 1)] + "1" });

        Assert.Equal("""[{"Key":"env","Value":"test"},{"Key":"team","Value":"data"}]""", consumerTags!["Tags"]!.ToJsonString());
        Assert.Equal("[]", streamTags!["Tags"]!.ToJsonString());
        stale.AssertError("ResourceNotFoundException");
    }
}
