using System.Threading.RateLimiting;

namespace Orleans.Kinesis.Gateway.Admission;

/// <summary>A request's place among its connection's requests in progress; released once, by whichever comes first.</summary>
internal sealed class AdmissionSlot : IDisposable
{
    private readonly ConnectionAdmissions _owner;
    private RateLimitLease? _lease;

    public AdmissionSlot(ConnectionAdmissions owner, RateLimitLease lease)
    {
        _owner = owner;
        _lease = lease;
    }

    /// <summary>For <c>HttpResponse.OnStarting</c>: releases the slot when the answer starts.</summary>
    public static Task ReleaseAsync(object slot)
    {
        ((AdmissionSlot)slot).Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _lease, null) is { } lease)
        {
            lease.Dispose();
            _owner.Activated(-1);
        }
    }
}
