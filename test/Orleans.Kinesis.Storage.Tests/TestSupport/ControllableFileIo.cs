using Microsoft.Win32.SafeHandles;
using Orleans.Kinesis.Storage.Logs.Files;

namespace Orleans.Kinesis.Storage.Tests.TestSupport;

/// <summary>A file I/O seam that can hold the next flush at a gate or make writes and flushes fail.</summary>
internal sealed class ControllableFileIo : ILogFileIo
{
    private readonly Lock _lock = new();
    private TaskCompletionSource? _flushEntered;
    private ManualResetEventSlim? _flushGate;
    private ManualResetEventSlim? _heldGate;

    public volatile bool FailWrites;
    public volatile bool FailFlushes;

    public int Flushes;

    /// <summary>Makes the next flush wait until <see cref="ReleaseFlush"/>; the returned task completes once it is waiting.</summary>
    public Task HoldNextFlush()
    {
        lock (_lock)
        {
            _flushEntered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _flushGate = new ManualResetEventSlim(false);
            return _flushEntered.Task;
        }
    }

    public void ReleaseFlush()
    {
        lock (_lock)
        {
            _heldGate?.Set();
            _flushGate?.Set();
        }
    }

    public void Write(SafeFileHandle handle, ReadOnlySpan<byte> data, long fileOffset)
    {
        if (FailWrites)
        {
            throw new IOException("Simulated write failure (disk full).");
        }

        RandomAccess.Write(handle, data, fileOffset);
    }

    public void FlushToDisk(SafeFileHandle handle)
    {
        ManualResetEventSlim? gate;
        lock (_lock)
        {
            gate = _flushGate;
            _flushGate = null;
            _heldGate = gate ?? _heldGate;
            _flushEntered?.TrySetResult();
            _flushEntered = null;
        }

        if (gate is not null && !gate.Wait(TestTimeouts.Guard))
        {
            throw new TimeoutException("The held flush was never released.");
        }

        if (FailFlushes)
        {
            throw new IOException("Simulated fsync failure.");
        }

        Interlocked.Increment(ref Flushes);
        RandomAccess.FlushToDisk(handle);
    }
}
