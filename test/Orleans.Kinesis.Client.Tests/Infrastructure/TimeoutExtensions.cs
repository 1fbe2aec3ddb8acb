namespace Orleans.Kinesis.Client.Tests.Infrastructure;

/// <summary>Bounded awaits whose failure names the phase.</summary>
public static class TimeoutExtensions
{
    public static readonly TimeSpan Default = TimeSpan.FromSeconds(60);

    public static async Task<T> WithTimeoutAsync<T>(this Task<T> task, string phase, TimeSpan? timeout = null)
    {
        try
        {
            return await task.WaitAsync(timeout ?? Default);
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException("Timed out waiting for: " + phase, ex);
        }
    }

    public static async Task WithTimeoutAsync(this Task task, string phase, TimeSpan? timeout = null)
    {
        try
        {
            await task.WaitAsync(timeout ?? Default);
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException("Timed out waiting for: " + phase, ex);
        }
    }
}
