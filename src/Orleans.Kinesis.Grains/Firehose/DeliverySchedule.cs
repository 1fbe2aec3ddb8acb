using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace Orleans.Kinesis.Grains.Firehose;

/// <summary>
/// What drives one delivery stream's ticks. A reminder (<see cref="ReminderName"/>, once a minute, the shortest period
/// reminders allow) survives deactivation and, with a persistent reminder table, restarts: it reactivates the grain,
/// which re-arms its grain timer. The timer ticks every <see cref="Abstractions.Firehose.FirehoseOptions.DeliveryCheckInterval"/>
/// while the grain is active, so buffering intervals under a minute are kept; it does not keep the grain alive.
/// A stream whose deliveries keep failing is retried with exponential back-off, logged once per back-off step.
/// </summary>
public sealed partial class DeliverySchedule
{
    public const string ReminderName = "firehose-delivery";
    private readonly DeliveryBackoff _backoff = new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private IGrainTimer? _timer;

    public DeliverySchedule(TimeProvider time, ILogger logger)
    {
        _time = time;
        _logger = logger;
    }

    /// <summary>How often the reminder fires; also how soon after a deactivation delivery resumes.</summary>
    public static TimeSpan ReminderPeriod { get; } = TimeSpan.FromMinutes(1);

    /// <summary>Registers the reminder (if this activation has not yet) and starts the timer calling <paramref name="tick"/>.</summary>
    public async Task StartAsync(Grain grain, TimeSpan interval, Func<Task> tick)
    {
        if (_timer is not null)
        {
            return;
        }

        _timer = grain.RegisterGrainTimer(static tick => tick(), tick, new GrainTimerCreationOptions(interval, interval) { KeepAlive = false });
        try
        {
            await grain.RegisterOrUpdateReminder(ReminderName, ReminderPeriod, ReminderPeriod);
        }
        catch (Exception e) when (e is ReminderException or TimeoutException or OrleansException)
        {
            // The timer delivers while this activation lives; its next activation registers again.
            Log.ReminderFailed(_logger, grain.GetPrimaryKeyString(), e);
        }
    }

    /// <summary>Stops the timer and removes the reminder (the stream is gone).</summary>
    public async Task StopAsync(Grain grain)
    {
        StopTimer();
        if (await grain.GetReminder(ReminderName) is { } reminder)
        {
            await grain.UnregisterReminder(reminder);
        }
    }

    /// <summary>Runs <paramref name="tick"/> unless the stream is backing off; a failure lengthens the back-off instead of escaping.</summary>
    public async Task TickAsync(string name, Func<Task> tick)
    {
        if (!_backoff.IsDue(_time.GetUtcNow()))
        {
            return;
        }

        try
        {
            await tick();
            _backoff.Succeeded();
        }
        catch (Exception e)
        {
            if (_backoff.Failed(_time.GetUtcNow()))
            {
                Log.DeliveryFailed(_logger, name, _backoff.ConsecutiveFailures, _backoff.Wait, e.GetType().Name, e.Message);
            }
        }
    }

    /// <summary>Stops the timer (it ends with the activation anyway); the reminder stays.</summary>
    public void StopTimer()
    {
        _timer?.Dispose();
        _timer = null;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = GrainsEventIds.DeliveryFailed, Level = LogLevel.Warning,
            Message = "Delivery stream {Name} could not deliver ({Failures} failures in a row, next attempt in {Wait}): {ErrorType}: {ErrorMessage}")]
        public static partial void DeliveryFailed(ILogger logger, string name, int failures, TimeSpan wait, string errorType, string errorMessage);

        [LoggerMessage(EventId = GrainsEventIds.DeliveryReminderFailed, Level = LogLevel.Warning, Message = "Delivery stream {Name} could not register its delivery reminder")]
        public static partial void ReminderFailed(ILogger logger, string name, Exception exception);
    }
}
