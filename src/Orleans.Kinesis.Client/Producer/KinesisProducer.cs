using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Text;
using Orleans.Kinesis.Client.Aggregation;

namespace Orleans.Kinesis.Client.Producer;

/// <summary>
/// A KPL-style producer: user records are aggregated (KPL format) per predicted shard, collected into PutRecords
/// calls, rate-limited per shard and retried until <see cref="KinesisProducerOptions.RecordTtl"/>. Each
/// <see cref="AddUserRecordAsync"/> completes with where the record landed once it is stored.
/// </summary>
public sealed class KinesisProducer : IAsyncDisposable
{
    private readonly KinesisClient _client;
    private readonly KinesisProducerOptions _options;
    private readonly ProducerInstruments _instruments;
    private readonly ByteBudget _budget;
    private readonly ConcurrentDictionary<string, Task<StreamPipeline>> _pipelines = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, StreamPipeline> _started = new(StringComparer.Ordinal);
    private readonly Lock _startLock = new();
    private int _disposed;

    public KinesisProducer(KinesisClient client, KinesisProducerOptions? options = null, IMeterFactory? meterFactory = null)
    {
        _client = client;
        _options = options ?? new KinesisProducerOptions();
        if (_options.CollectionMaxCount is < 1 or > 500)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "CollectionMaxCount must be within 1..500.");
        }

        _instruments = new ProducerInstruments(meterFactory);
        _budget = new ByteBudget(_options.MaxOutstandingBytes);
    }

    /// <summary>User records accepted and not yet completed, over all streams.</summary>
    public long OutstandingRecordsCount => _started.Values.Sum(p => p.Outstanding);

    /// <summary>
    /// Queues a user record. Waits first while <see cref="KinesisProducerOptions.MaxOutstandingBytes"/> are outstanding;
    /// the returned task completes when the record is stored, or fails with <see cref="UserRecordFailedException"/>.
    /// </summary>
    public async Task<UserRecordResult> AddUserRecordAsync(string streamName, string partitionKey, byte[] data, string? explicitHashKey = null, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        ArgumentException.ThrowIfNullOrEmpty(streamName);
        ArgumentNullException.ThrowIfNull(data);
        Validate(partitionKey, explicitHashKey, data.Length);
        var pipeline = await PipelineAsync(streamName).ConfigureAwait(false);
        var record = new PendingUserRecord(partitionKey, explicitHashKey, data, _options.TimeProvider.GetUtcNow(), _options);
        await _budget.AcquireAsync(record.Size, cancellationToken).ConfigureAwait(false);
        _instruments.UserRecordsReceived.Add(1);
        return await pipeline.AddAsync(record).ConfigureAwait(false);
    }

    /// <summary>Sends everything buffered now and waits until no user record is outstanding.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        foreach (var pipeline in _pipelines.Values)
        {
            await (await pipeline.ConfigureAwait(false)).FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Flushes (bounded by <see cref="KinesisProducerOptions.RecordTtl"/>), then stops the pipelines.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        using (var bound = new CancellationTokenSource(_options.RecordTtl + TimeSpan.FromSeconds(5)))
        {
            try
            {
                await FlushAsync(bound.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Records still outstanding fail by expiry as the pipelines stop.
            }
        }

        foreach (var pipeline in _pipelines.Values)
        {
            await (await pipeline.ConfigureAwait(false)).DisposeAsync().ConfigureAwait(false);
        }

        _instruments.Dispose();
    }

    private Task<StreamPipeline> PipelineAsync(string streamName)
    {
        if (_pipelines.TryGetValue(streamName, out var existing) && !existing.IsFaulted)
        {
            return existing;
        }

        lock (_startLock)
        {
            if (!_pipelines.TryGetValue(streamName, out existing) || existing.IsFaulted)
            {
                existing = StartPipelineAsync(streamName);
                _pipelines[streamName] = existing;
            }

            return existing;
        }
    }

    private async Task<StreamPipeline> StartPipelineAsync(string streamName)
    {
        var pipeline = new StreamPipeline(_client, streamName, _options, _instruments, _budget);
        await pipeline.StartAsync().ConfigureAwait(false);
        _started[streamName] = pipeline;
        return pipeline;
    }

    private void Validate(string partitionKey, string? explicitHashKey, int dataLength)
    {
        if (string.IsNullOrEmpty(partitionKey) || partitionKey.Length > 256)
        {
            throw new ArgumentException("The partition key must have 1 to 256 characters.", nameof(partitionKey));
        }

        try
        {
            _ = Encoding.UTF8.GetByteCount(partitionKey);
        }
        catch (EncoderFallbackException ex)
        {
            throw new ArgumentException("The partition key is not valid UTF-16 text.", nameof(partitionKey), ex);
        }

        if (explicitHashKey is not null)
        {
            try
            {
                HashKeys.Parse(explicitHashKey);
            }
            catch (FormatException ex)
            {
                throw new ArgumentException(ex.Message, nameof(explicitHashKey), ex);
            }
        }

        if (dataLength > _options.MaxUserRecordSize)
        {
            throw new ArgumentException($"Data must be at most {_options.MaxUserRecordSize} bytes.", nameof(dataLength));
        }
    }
}
