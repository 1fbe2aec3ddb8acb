using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Kinesis.Client;
using Orleans.Kinesis.Client.Consumer.Leases;
using Orleans.Kinesis.Client.Producer;
using Orleans.Providers.Streams.Common;
using Orleans.Streaming.Kinesis.Options;
using Orleans.Streams;

namespace Orleans.Streaming.Kinesis.Streams;

/// <summary>
/// The persistent-stream adapter factory of a Kinesis stream provider: one client, producer and checkpoint store per
/// provider, <see cref="KinesisStreamOptions.QueueCount"/> queues over the hash-key space, an in-memory queue cache.
/// </summary>
public sealed class KinesisQueueAdapterFactory : IQueueAdapterFactory, IAsyncDisposable
{
    private readonly KinesisClient _client;
    private readonly KinesisProducer _producer;
    private readonly KinesisQueueAdapter _adapter;
    private readonly HashRingBasedStreamQueueMapper _mapper;
    private readonly SimpleQueueAdapterCache _cache;
    private int _disposed;

    public KinesisQueueAdapterFactory(string name, KinesisStreamOptions options, SimpleQueueCacheOptions cacheOptions, ILoggerFactory loggerFactory, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate(name);
        _client = new KinesisClient(options.Client);
        _producer = new KinesisProducer(_client, options.Producer);
        _adapter = new KinesisQueueAdapter(name, options, _client, _producer, options.CheckpointStore ?? new InMemoryLeaseStore(), loggerFactory, time);
        _mapper = new HashRingBasedStreamQueueMapper(new HashRingStreamQueueMapperOptions { TotalQueueCount = options.QueueCount }, name);
        _cache = new SimpleQueueAdapterCache(cacheOptions, name, loggerFactory);
    }

    /// <summary>The factory delegate given to <c>AddPersistentStreams</c>: reads the provider's named options.</summary>
    public static KinesisQueueAdapterFactory Create(IServiceProvider services, string name)
    {
        ArgumentNullException.ThrowIfNull(services);
        return new KinesisQueueAdapterFactory(
            name,
            services.GetRequiredService<IOptionsMonitor<KinesisStreamOptions>>().Get(name),
            services.GetRequiredService<IOptionsMonitor<SimpleQueueCacheOptions>>().Get(name),
            services.GetRequiredService<ILoggerFactory>(),
            services.GetService<TimeProvider>() ?? TimeProvider.System);
    }

    public Task<IQueueAdapter> CreateAdapter() => Task.FromResult<IQueueAdapter>(_adapter);

    public IQueueAdapterCache GetQueueAdapterCache() => _cache;

    public IStreamQueueMapper GetStreamQueueMapper() => _mapper;

    public Task<IStreamFailureHandler> GetDeliveryFailureHandler(QueueId queueId) => Task.FromResult<IStreamFailureHandler>(new NoOpStreamDeliveryFailureHandler());

    /// <summary>Flushes records still buffered by the producer, then releases the client.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            await _producer.DisposeAsync().ConfigureAwait(false);
            _client.Dispose();
        }
    }
}
