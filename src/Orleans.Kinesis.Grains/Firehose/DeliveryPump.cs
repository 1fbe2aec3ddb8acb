using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Kinesis.Abstractions.Firehose;
using Orleans.Kinesis.Abstractions.Grains;

namespace Orleans.Kinesis.Grains.Firehose;

/// <summary>
/// Ticks every delivery stream at <see cref="FirehoseOptions.DeliveryCheckInterval"/>: status changes settle and
/// buffers whose hints are met are delivered. Because it starts with the host, buffered records left by a previous
/// run are delivered after a restart without any request touching their stream. It starts ticking once the host
/// (and so the silo) has started. A stream whose deliveries keep failing is retried with exponential back-off
/// (<see cref="DeliveryBackoff"/>), logged once per back-off step.
/// </summary>
public sealed partial class DeliveryPump : BackgroundService
{
    private readonly IGrainFactory _grains;
    private readonly FirehoseOptions _options;
    private readonly ILogger<DeliveryPump> _logger;
    private readonly IHostApplicationLifetime _lifetime;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, DeliveryBackoff> _backoffs = new(StringComparer.Ordinal);

    public DeliveryPump(IGrainFactory grains, IOptions<FirehoseOptions> options, IHostApplicationLifetime lifetime, ILogger<DeliveryPump> logger, TimeProvider time)
    {
        _lifetime = lifetime;
        _grains = grains;
        _options = options.Value;
        _logger = logger;
        _time = time;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!await StartedAsync(stoppingToken))
        {
            return;
        }

        using var timer = new PeriodicTimer(_options.DeliveryCheckInterval);
        do
        {
            try
            {
                await TickAllAsync();
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                Log.PumpFailed(_logger, e);
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    private async Task<bool> StartedAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var onStarted = _lifetime.ApplicationStarted.Register(static state => ((TaskCompletionSource)state!).TrySetResult(), started);
        using var onStopping = stoppingToken.Register(static state => ((TaskCompletionSource)state!).TrySetCanceled(), started);
        try
        {
            await started.Task;
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private async Task TickAllAsync()
    {
        var directory = _grains.GetGrain<IDeliveryStreamDirectoryGrain>(IDeliveryStreamDirectoryGrain.DefaultKey);
        var (names, _) = await directory.ListAsync(null, null, int.MaxValue);
        foreach (var name in _backoffs.Keys)
        {
            if (!names.Contains(name))
            {
                _backoffs.TryRemove(name, out _); // deleted streams keep no back-off entry
            }
        }

        var ticks = new Task[names.Count];
        for (var i = 0; i < names.Count; i++)
        {
            ticks[i] = TickAsync(names[i]);
        }

        await Task.WhenAll(ticks);
    }

    private async Task TickAsync(string name)
    {
        _backoffs.TryGetValue(name, out var backoff);
        if (backoff is not null && !backoff.IsDue(_time.GetUtcNow()))
        {
            return;
        }

        try
        {
            await _grains.GetGrain<IDeliveryStreamGrain>(name).TickAsync(force: false);
            backoff?.Succeeded();
        }
        catch (Exception e)
        {
            backoff ??= _backoffs.GetOrAdd(name, static _ => new DeliveryBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30)));
            if (backoff.Failed(_time.GetUtcNow()))
            {
                Log.DeliveryFailed(_logger, name, backoff.ConsecutiveFailures, backoff.Wait, e.GetType().Name, e.Message);
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = GrainsEventIds.DeliveryFailed, Level = LogLevel.Warning,
            Message = "Delivery stream {Name} could not deliver ({Failures} failures in a row, next attempt in {Wait}): {ErrorType}: {ErrorMessage}")]
        public static partial void DeliveryFailed(ILogger logger, string name, int failures, TimeSpan wait, string errorType, string errorMessage);

        [LoggerMessage(EventId = GrainsEventIds.PumpFailed, Level = LogLevel.Warning, Message = "The delivery pump failed to list delivery streams")]
        public static partial void PumpFailed(ILogger logger, Exception exception);
    }
}
