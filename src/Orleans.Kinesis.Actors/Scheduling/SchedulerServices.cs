using Microsoft.Extensions.Logging;
using Orleans.Kinesis.Actors.Diagnostics;

namespace Orleans.Kinesis.Actors.Scheduling;

/// <summary>Shared dependencies of all activation schedulers of one host.</summary>
internal sealed class SchedulerServices(TimeProvider timeProvider, ILogger logger, ActorInstruments instruments, TimeSpan longTurnWarning)
{
    public TimeProvider TimeProvider { get; } = timeProvider;

    public ILogger Logger { get; } = logger;

    public ActorInstruments Instruments { get; } = instruments;

    public TimeSpan LongTurnWarning { get; } = longTurnWarning;
}
