using System.Diagnostics.Metrics;

namespace Orleans.Kinesis.Actors.Diagnostics;

/// <summary>The actor host's meter and instruments.</summary>
internal sealed class ActorInstruments
{
    public const string MeterName = "Orleans.Kinesis.Actors";
    public const string ActivationsName = "actors.activations";
    public const string TurnsName = "actors.turns";
    public const string TurnDurationName = "actors.turn.duration";

    private readonly UpDownCounter<long> _activations;
    private readonly Counter<long> _turns;
    private readonly Histogram<double> _turnDuration;

    public ActorInstruments(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _activations = meter.CreateUpDownCounter<long>(ActivationsName, unit: "{activation}", description: "Live grain activations.");
        _turns = meter.CreateCounter<long>(TurnsName, unit: "{turn}", description: "Turns executed by activations.");
        _turnDuration = meter.CreateHistogram<double>(TurnDurationName, unit: "s", description: "Duration of activation turns.");
    }

    public void ActivationAdded() => _activations.Add(1);

    public void ActivationRemoved() => _activations.Add(-1);

    public void RecordTurn(TimeSpan elapsed)
    {
        _turns.Add(1);
        if (_turnDuration.Enabled)
        {
            _turnDuration.Record(elapsed.TotalSeconds);
        }
    }
}
