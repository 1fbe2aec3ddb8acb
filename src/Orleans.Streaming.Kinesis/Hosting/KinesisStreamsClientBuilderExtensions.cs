using Orleans.Hosting;
using Orleans.Streaming.Kinesis.Options;
using Orleans.Streaming.Kinesis.Streams;

namespace Orleans.Streaming.Kinesis.Hosting;

/// <summary>Adds a Kinesis stream provider to an Orleans client, so it can write (<c>OnNextAsync</c>) to Kinesis streams.</summary>
public static class KinesisStreamsClientBuilderExtensions
{
    public static IClientBuilder AddKinesisStreams(this IClientBuilder builder, string name, Action<KinesisStreamOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return builder.AddPersistentStreams(name, KinesisQueueAdapterFactory.Create, stream => stream.Configure<KinesisStreamOptions>(options => options.Configure(configure)));
    }
}
