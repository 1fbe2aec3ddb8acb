namespace Orleans.Kinesis.TestKit;

/// <summary>Failure guards for awaits in tests: a hang becomes a failure that names the phase.</summary>
public static class TaskTimeoutExtensions
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(15);

    public static async Task WithTimeout(this Task task, string phase, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(task);
        try
        {
            await task.WaitAsync(timeout ?? DefaultTimeout).ConfigureAwait(false);
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"Timed out waiting for: {phase}", ex);
        }
    }

    public static async Task<T> WithTimeout<T>(this Task<T> task, string phase, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(task);
        try
        {
            return await task.WaitAsync(timeout ?? DefaultTimeout).ConfigureAwait(false);
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"Timed out waiting for: {phase}", ex);
        }
    }

    public static Task WithTimeout(this ValueTask task, string phase, TimeSpan? timeout = null) =>
        task.AsTask().WithTimeout(phase, timeout);

    public static Task<T> WithTimeout<T>(this ValueTask<T> task, string phase, TimeSpan? timeout = null) =>
        task.AsTask().WithTimeout(phase, timeout);
}
