using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Kinesis.Actors.Tests.Grains;
using Orleans.Kinesis.Actors.Tests.Infrastructure;
using Orleans.Kinesis.TestKit;

namespace Orleans.Kinesis.Actors.Tests.Diagnostics;

public sealed class DiagnosticsTests
{
    private const int LongTurnEventId = 1001;

    [Fact]
    public async Task TurnLongerThanLongTurnWarning_LogsAWarningNamingTheActivation()
    {
        await using var host = ActorTestHost.Create(o => o.LongTurnWarning = TimeSpan.FromSeconds(1));

        await host.Factory.GetGrain<IGateGrain>("slow").AdvanceClockAsync(TimeSpan.FromSeconds(2));
        var message = await host.Logs.WhenLogged(LongTurnEventId).WithTimeout("long turn warning");

        Assert.Contains("IGateGrain/slow", message, StringComparison.Ordinal);
        Assert.Contains(host.Logs.Entries, e => e.EventId.Id == LongTurnEventId && e.Level == LogLevel.Warning);
    }

    [Fact]
    public async Task ShortTurns_LogNoWarning()
    {
        await using var host = ActorTestHost.Create();

        await host.Factory.GetGrain<IGateGrain>("fast").AddAsync(1, 2);

        Assert.DoesNotContain(host.Logs.Entries, e => e.EventId.Id == LongTurnEventId);
    }

    [Fact]
    public async Task Meter_ReportsActivationsAndTurns()
    {
        await using var host = ActorTestHost.Create();
        var meterFactory = host.Services.GetRequiredService<IMeterFactory>();
        long activations = 0;
        long turns = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "Orleans.Kinesis.Actors" && ReferenceEquals(instrument.Meter.Scope, meterFactory))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
        {
            if (instrument.Name == "actors.activations")
            {
                Interlocked.Add(ref activations, value);
            }
            else if (instrument.Name == "actors.turns")
            {
                Interlocked.Add(ref turns, value);
            }
        });
        listener.Start();

        await host.Factory.GetGrain<IGateGrain>("metered").AddAfterYieldAsync(1, 2);

        Assert.Equal(1, Interlocked.Read(ref activations));
        Assert.True(Interlocked.Read(ref turns) >= 2);
    }
}
