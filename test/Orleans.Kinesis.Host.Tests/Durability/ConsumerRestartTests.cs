using Orleans.Kinesis.Host.Tests.Infrastructure;

namespace Orleans.Kinesis.Host.Tests.Durability;

/// <summary>Registered consumers are part of the stream's persisted state and survive a restart of the real Host.</summary>
[Trait("Area", "Durability")]
public sealed class ConsumerRestartTests
{
    [Fact]
    public async Task GracefulRestart_KeepsConsumersWithTheirArnsStatusAndTags_AndNewArnsStayUnique()
    {
        using var data = new TempDataDirectory("kinesis-consumers");
        const string stream = "durable-consumers";
        string arn;
        string descriptionBefore;

        await using (var first = await ServerProcess.StartAsync(data.Path))
        {
            using var http = new KinesisHttp(first.Endpoint, new Version(1, 1));
            await http.OkAsync("CreateStream", new { StreamName = stream, ShardCount = 1 });
            await Streams.WaitForStatusAsync(http, stream, "ACTIVE");
            var registered = await http.OkAsync("RegisterStreamConsumer", new
            {
                StreamARN = Consumers.StreamArn(stream),
                ConsumerName = "kept",
                Tags = new Dictionary<string, string> { ["owner"] = "team-a" },
            });
            arn = registered!["Consumer"]!["ConsumerARN"]!.GetValue<string>();
            await Consumers.WaitForStatusAsync(http, arn, "ACTIVE");
            descriptionBefore = (await http.OkAsync("DescribeStreamConsumer", new { ConsumerARN = arn }))!.ToJsonString();
            var exitCode = await first.StopGracefullyAsync();
            Assert.True(exitCode == 0, $"graceful stop exited with {exitCode}\n{first.Output()}");
        }

        await using var second = await ServerProcess.StartAsync(data.Path);
        using var again = new KinesisHttp(second.Endpoint, new Version(1, 1));

        var descriptionAfter = (await again.OkAsync("DescribeStreamConsumer", new { ConsumerARN = arn }))!.ToJsonString();
        var tags = await again.OkAsync("ListTagsForResource", new { ResourceARN = arn });
        var summary = await again.OkAsync("DescribeStreamSummary", new { StreamName = stream });
        await again.OkAsync("DeregisterStreamConsumer", new { ConsumerARN = arn });
        await Consumers.WaitForStatusAsync(again, arn, null);
        var reRegistered = await Consumers.RegisterActiveAsync(again, stream, "kept");

        Assert.Equal(descriptionBefore, descriptionAfter);
        Assert.Equal("""[{"Key":"owner","Value":"team-a"}]""", tags!["Tags"]!.ToJsonString());
        Assert.Equal(1, summary!["StreamDescriptionSummary"]!["ConsumerCount"]!.GetValue<int>());
        Assert.True(Consumers.ArnSecond(arn) < Consumers.ArnSecond(reRegistered), $"{arn} then {reRegistered}");
    }
}
