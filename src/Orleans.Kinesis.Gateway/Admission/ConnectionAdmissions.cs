using System.Diagnostics.Metrics;
using Orleans.Kinesis.Gateway.Diagnostics;

namespace Orleans.Kinesis.Gateway.Admission;

/// <summary>
/// The per-connection request limiters of one server and their counts: how many HTTP/2 connections hold a limiter
/// (one each, created when the connection opens and disposed when it closes: the count returns to zero with the
/// connections), how many requests hold a slot or wait for one, and how many were refused. Exported on the
/// <c>Orleans.Kinesis.Gateway</c> meter; tests await <see cref="WhenChangedAsync"/> instead of polling.
/// </summary>
public sealed class ConnectionAdmissions
{
    public const string ConnectionsName = "orleans.kinesis.gateway.admission.connections";
    public const string ActiveName = "orleans.kinesis.gateway.admission.active_requests";
    public const string QueuedName = "orleans.kinesis.gateway.admission.queued_requests";
    public const string RefusedName = "orleans.kinesis.gateway.admission.refused_requests";

    private long _connections;
    private long _active;
    private long _queued;
    private long _refused;
    private TaskCompletionSource? _changed;

    public ConnectionAdmissions(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(KinesisInstruments.MeterName);
        meter.CreateObservableUpDownCounter(ConnectionsName, () => Connections, "{connection}", "Connections with a request limiter (HTTP/2).");
        meter.CreateObservableUpDownCounter(ActiveName, () => ActiveRequests, "{request}", "Requests holding a slot of their connection.");
        meter.CreateObservableUpDownCounter(QueuedName, () => QueuedRequests, "{request}", "Requests waiting for a slot of their connection.");
        meter.CreateObservableCounter(RefusedName, () => RefusedRequests, "{request}", "Requests refused because their connection's queue was full.");
    }

    /// <summary>Open connections that have a request limiter.</summary>
    public long Connections => Interlocked.Read(ref _connections);

    /// <summary>Requests holding a slot.</summary>
    public long ActiveRequests => Interlocked.Read(ref _active);

    /// <summary>Requests waiting in their connection's queue.</summary>
    public long QueuedRequests => Interlocked.Read(ref _queued);

    /// <summary>Requests refused with a throttling error since the start.</summary>
    public long RefusedRequests => Interlocked.Read(ref _refused);

    /// <summary>Completes at the next change of a count. Read the counts after calling this, then await it.</summary>
    public Task WhenChangedAsync()
    {
        var fresh = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return (Interlocked.CompareExchange(ref _changed, fresh, null) ?? fresh).Task;
    }

    /// <summary>A limiter for a new connection; dispose it when the connection closes.</summary>
    internal ConnectionAdmission Open(int permitLimit, int queueLimit)
    {
        Add(ref _connections, 1);
        return new ConnectionAdmission(this, permitLimit, queueLimit);
    }

    internal void Closed() => Add(ref _connections, -1);

    internal void Activated(int delta) => Add(ref _active, delta);

    internal void Queued(int delta) => Add(ref _queued, delta);

    internal void Refused() => Add(ref _refused, 1);

    private void Add(ref long count, long delta)
    {
        Interlocked.Add(ref count, delta);
        if (Volatile.Read(ref _changed) is not null)
        {
            Interlocked.Exchange(ref _changed, null)?.TrySetResult();
        }
    }
}
