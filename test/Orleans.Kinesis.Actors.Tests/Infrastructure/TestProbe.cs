using System.Collections.Concurrent;
using Orleans.Kinesis.Actors.Core;
using Orleans.Kinesis.TestKit;

namespace Orleans.Kinesis.Actors.Tests.Infrastructure;

/// <summary>Shared by a test and its grains (a singleton per test host): gates, signals, counters and an event log.</summary>
public sealed class TestProbe(FakeTimeProvider time)
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _signals = new();
    private int _overlaps;
    private int _activations;
    private int _deactivations;
    private int _activationFailuresLeft;

    public FakeTimeProvider Time { get; } = time;

    public ConcurrentQueue<string> Events { get; } = new();

    public ConcurrentQueue<DeactivationReasonCode> DeactivationReasons { get; } = new();

    public int Overlaps => Volatile.Read(ref _overlaps);

    public int Activations => Volatile.Read(ref _activations);

    public int Deactivations => Volatile.Read(ref _deactivations);

    /// <summary>The next <paramref name="count"/> activations of failing grains throw from OnActivateAsync.</summary>
    public void FailNextActivations(int count) => Volatile.Write(ref _activationFailuresLeft, count);

    public bool ShouldFailActivation() => Interlocked.Decrement(ref _activationFailuresLeft) >= 0;

    public Exception? LastThrown { get; set; }

    public void RecordOverlap() => Interlocked.Increment(ref _overlaps);

    public void RecordActivation() => Interlocked.Increment(ref _activations);

    public void RecordDeactivation(DeactivationReasonCode code)
    {
        DeactivationReasons.Enqueue(code);
        Interlocked.Increment(ref _deactivations);
        Signal("deactivated:" + Deactivations);
    }

    /// <summary>A named one-shot signal; awaiting it before or after <see cref="Signal"/> both work.</summary>
    public Task WhenSignaled(string name) => GetSignal(name).Task;

    public void Signal(string name) => GetSignal(name).TrySetResult();

    public bool IsSignaled(string name) => GetSignal(name).Task.IsCompleted;

    private TaskCompletionSource GetSignal(string name) =>
        _signals.GetOrAdd(name, static _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
}
