using Orleans.Hosting;
using Orleans.Streaming.Kinesis.Options;
using Orleans.Streaming.Kinesis.Streams;

namespace Orleans.Streaming.Kinesis.Hosting;

/// <summary>Adds a Kinesis stream provider to a silo: its pulling agents read the shards and deliver to grains.</summary>
public static class KinesisStreamsSiloBuilderExtensions
{
    public static ISiloBuilder AddKinesisStreams(this ISiloBuilder builder, string name, Action<KinesisStreamOptions> configure, Action<ISiloPersistentStreamConfigurator>? configureStream = null)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return builder.AddPersistentStreams(name, KinesisQueueAdapterFactory.Create, stream =>
        {
            stream.Configure<KinesisStreamOptions>(options => options.Configure(configure));
            configureStream?.Invoke(stream);
        });
    }
}
