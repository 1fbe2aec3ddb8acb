using Orleans.Kinesis.Abstractions.Errors;
using Orleans.Kinesis.Gateway.Records;

namespace Orleans.Kinesis.Gateway.Health;

/// <summary>
/// Whether the shard log writers answer: not ready while the latest put outcome was an internal failure (storage
/// refused an append) and that failure is recent. It recovers with the next acknowledged put or after
/// <see cref="FailureMemory"/>, so a node taken out of rotation is not kept out for want of traffic.
/// </summary>
public sealed class WriterHealth : IReadinessCheck
{
    public static readonly TimeSpan FailureMemory = TimeSpan.FromSeconds(30);

    private readonly TimeProvider _time;
    private long _lastSuccessMs;
    private long _lastFailureMs;

    public WriterHealth(TimeProvider time) => _time = time;

    public string Name => "log-writers";

    /// <summary>Notes the outcome of a put: one clock read and one write per call.</summary>
    public void Observe(ReadOnlySpan<AppendOutcome> outcomes)
    {
        var failed = false;
        var succeeded = false;
        foreach (var outcome in outcomes)
        {
            succeeded |= outcome.Error is null;
            failed |= outcome.Error is { StatusCode: >= 500 };
        }

        if (failed || succeeded)
        {
            var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
            if (failed)
            {
                Volatile.Write(ref _lastFailureMs, now);
            }
            else
            {
                Volatile.Write(ref _lastSuccessMs, now);
            }
        }
    }

    public Task<bool> IsReadyAsync(CancellationToken cancellationToken)
    {
        var failure = Volatile.Read(ref _lastFailureMs);
        var healthy = failure == 0 || Volatile.Read(ref _lastSuccessMs) > failure
            || _time.GetUtcNow().ToUnixTimeMilliseconds() - failure > FailureMemory.TotalMilliseconds;
        return Task.FromResult(healthy);
    }

    /// <summary>Whether the error means a writer failed (as opposed to a client error or a throttle).</summary>
    public static bool IsWriterFailure(KinesisException error) => error.StatusCode >= 500;
}
