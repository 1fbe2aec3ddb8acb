using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;

namespace Orleans.Kinesis.Host.Tests.Infrastructure;

/// <summary>Consumer helpers for tests: ARNs, register, and bounded polling of a consumer's status.</summary>
public static class Consumers
{
    public const string Account = "000000000000";

    public static string StreamArn(string stream) => $"arn:aws:kinesis:us-east-1:{Account}:stream/{stream}";

    /// <summary>Registers a consumer and returns its <c>Consumer</c> object.</summary>
    public static async Task<JsonNode> RegisterAsync(KinesisHttp http, string stream, string name)
    {
        var response = await http.OkAsync("RegisterStreamConsumer", new { StreamARN = StreamArn(stream), ConsumerName = name });
        return response!["Consumer"]!;
    }

    /// <summary>Registers a consumer and polls DescribeStreamConsumer until it is ACTIVE; returns its ARN.</summary>
    public static async Task<string> RegisterActiveAsync(KinesisHttp http, string stream, string name)
    {
        var arn = (await RegisterAsync(http, stream, name))["ConsumerARN"]!.GetValue<string>();
        await WaitForStatusAsync(http, arn, "ACTIVE");
        return arn;
    }

    /// <summary>Polls DescribeStreamConsumer until the consumer has <paramref name="status"/> (or, for null, is gone).</summary>
    public static async Task WaitForStatusAsync(KinesisHttp http, string consumerArn, string? status)
    {
        var watch = Stopwatch.StartNew();
        string? last = null;
        while (watch.Elapsed < TimeSpan.FromSeconds(30))
        {
            var response = await http.CallAsync("DescribeStreamConsumer", new { ConsumerARN = consumerArn });
            if (response.ErrorType == "ResourceNotFoundException")
            {
                last = "(gone)";
                if (status is null)
                {
                    return;
                }
            }
            else
            {
                Assert.True(response.ErrorType is null, $"DescribeStreamConsumer failed while waiting: {response.Text}");
                last = response.Json!["ConsumerDescription"]!["ConsumerStatus"]!.GetValue<string>();
                if (last == status)
                {
                    return;
                }
            }

            await Task.Yield();
        }

        Assert.Fail($"consumer {consumerArn} did not become {status ?? "(gone)"} within 30 s (last status {last})");
    }

    /// <summary>The epoch second at the end of a consumer ARN.</summary>
    public static long ArnSecond(string consumerArn)
        => long.Parse(consumerArn[(consumerArn.LastIndexOf(':') + 1)..], CultureInfo.InvariantCulture);
}
