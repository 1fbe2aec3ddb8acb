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
/// (and so the silo) has started.
/// </summary>
public sealed partial class DeliveryPump : BackgroundService
{
    private readonly IGrainFactory _grains;
    private readonly FirehoseOptions _options;
    private readonly ILogger<DeliveryPump> _logger;
    private readonly IHostApplicationLifetime _lifetime;

    public DeliveryPump(IGrainFactory grains, IOptions<FirehoseOptions> options, IHostApplicationLifetime lifetime, ILogger<DeliveryPump> logger)
    {
        _lifetime = lifetime;
        _grains = grains;
        _options = options.Value;
        _logger = logger;
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
        var ticks = new Task[names.Count];
        for (var i = 0; i < names.Count; i++)
        {
            ticks[i] = TickAsync(names[i]);
        }

        await Task.WhenAll(ticks);
    }

    private async Task TickAsync(string name)
    {
        try
        {
            await _grains.GetGrain<IDeliveryStreamGrain>(name).TickAsync(force: false);
        }
        catch (Exception e)
        {
            Log.DeliveryFailed(_logger, name, e);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = GrainsEventIds.DeliveryFailed, Level = LogLevel.Warning, Message = "Delivery stream {Name} could not deliver; it will try again")]
        public static partial void DeliveryFailed(ILogger logger, string name, Exception exception);

        [LoggerMessage(EventId = GrainsEventIds.PumpFailed, Level = LogLevel.Warning, Message = "The delivery pump failed to list delivery streams")]
        public static partial void PumpFailed(ILogger logger, Exception exception);
    }
}
