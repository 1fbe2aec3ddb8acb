using Orleans.Kinesis.Host.Tests.Infrastructure;

namespace Orleans.Kinesis.Host.Tests.DataStreams;

/// <summary>Consumer states that last while the transition delay runs: CREATING, DELETING, and the CREATING limit.</summary>
[Trait("Area", "DataStreams")]
public sealed class ConsumerTransitionTests : IClassFixture<SlowTransitionsFixture>
{
    private readonly SlowTransitionsFixture _server;

    public ConsumerTransitionTests(SlowTransitionsFixture server) => _server = server;

    private KinesisHttp Http => _server.Http;

    [Fact]
    public async Task Register_StaysCreatingDuringTheDelay_AndASixthCreatingConsumer_IsLimitExceeded()
    {
        var stream = await Streams.CreateActiveAsync(Http, "slow-creating", 1);
        for (var i = 0; i < 5; i++)
        {
            await Consumers.RegisterAsync(Http, stream, "c" + i);
        }

        var sixth = await Http.CallAsync("RegisterStreamConsumer", new { StreamARN = Consumers.StreamArn(stream), ConsumerName = "c5" });
        var listed = await Http.OkAsync("ListStreamConsumers", new { StreamARN = Consumers.StreamArn(stream) });

        sixth.AssertError("LimitExceededException",
            $"Stream {stream} under account 000000000000 already has 5 consumers in CREATING state, the limit is 5.");
        Assert.Equal(5, listed!["Consumers"]!.AsArray().Count);
        Assert.All(listed["Consumers"]!.AsArray(), c => Assert.Equal("CREATING", c!["ConsumerStatus"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Deregister_ShowsDeletingDuringTheDelay_AndRepeatingItIsAccepted()
    {
        var stream = await Streams.CreateActiveAsync(Http, "slow-deleting", 1);
        var arn = (await Consumers.RegisterAsync(Http, stream, "leaving"))["ConsumerARN"]!.GetValue<string>();

        await Http.OkAsync("DeregisterStreamConsumer", new { ConsumerARN = arn });
        await Http.OkAsync("DeregisterStreamConsumer", new { StreamARN = Consumers.StreamArn(stream), ConsumerName = "leaving" });
        var described = await Http.OkAsync("DescribeStreamConsumer", new { ConsumerARN = arn });
        var summary = await Http.OkAsync("DescribeStreamSummary", new { StreamName = stream });
        var deletingDoesNotBlock = await Http.CallAsync("DeleteStream", new { StreamName = stream });

        Assert.Equal("DELETING", described!["ConsumerDescription"]!["ConsumerStatus"]!.GetValue<string>());
        Assert.Equal(1, summary!["StreamDescriptionSummary"]!["ConsumerCount"]!.GetValue<int>());
        Assert.True(deletingDoesNotBlock.ErrorType is null, $"DeleteStream with only a DELETING consumer failed: {deletingDoesNotBlock.Text}");
    }

    [Fact]
    public async Task DeleteStream_WithEnforceConsumerDeletion_MarksConsumersDeleting_AndRegisterOnADeletingStream_IsResourceInUse()
    {
        var stream = await Streams.CreateActiveAsync(Http, "slow-stream-delete", 1);
        var arn = (await Consumers.RegisterAsync(Http, stream, "c1"))["ConsumerARN"]!.GetValue<string>();

        await Http.OkAsync("DeleteStream", new { StreamName = stream, EnforceConsumerDeletion = true });
        var described = await Http.OkAsync("DescribeStreamConsumer", new { ConsumerARN = arn });
        var register = await Http.CallAsync("RegisterStreamConsumer", new { StreamARN = Consumers.StreamArn(stream), ConsumerName = "late" });

        Assert.Equal("DELETING", described!["ConsumerDescription"]!["ConsumerStatus"]!.GetValue<string>());
        register.AssertError("ResourceInUseException", $"Stream {stream} under account 000000000000 not ACTIVE, instead in state DELETING");
    }
}
