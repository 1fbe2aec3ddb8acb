using Orleans.Kinesis.Client.Errors;
using Orleans.Kinesis.Client.Model;

namespace Orleans.Kinesis.Client.Consumer;

/// <summary>Looks up or registers the application's enhanced fan-out consumer and waits until it is ACTIVE.</summary>
internal static class FanOutConsumer
{
    public static async Task<string> EnsureRegisteredAsync(KinesisClient client, StreamProcessorOptions options, CancellationToken token)
    {
        var name = options.ConsumerName ?? options.ApplicationName;
        var streamArn = (await client.DescribeStreamSummaryAsync(new DescribeStreamSummaryRequest { StreamName = options.StreamName }, token).ConfigureAwait(false)).StreamDescriptionSummary.StreamARN;
        for (var attempt = 0; ; attempt++)
        {
            ConsumerDescription description;
            try
            {
                description = (await client.DescribeStreamConsumerAsync(new ConsumerRequest { StreamARN = streamArn, ConsumerName = name }, token).ConfigureAwait(false)).ConsumerDescription;
            }
            catch (ResourceNotFoundException)
            {
                try
                {
                    await client.RegisterStreamConsumerAsync(new RegisterStreamConsumerRequest { StreamARN = streamArn, ConsumerName = name }, token).ConfigureAwait(false);
                }
                catch (ResourceInUseException)
                {
                    // Another worker registered it first.
                }

                continue;
            }

            if (description.ConsumerStatus == "ACTIVE")
            {
                return description.ConsumerARN;
            }

            if (attempt > 600)
            {
                throw new TimeoutException($"Consumer {name} stayed {description.ConsumerStatus}.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), token).ConfigureAwait(false);
        }
    }
}
