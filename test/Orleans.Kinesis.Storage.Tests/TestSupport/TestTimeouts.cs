namespace Orleans.Kinesis.Storage.Tests.TestSupport;

internal static class TestTimeouts
{
    /// <summary>A failure guard only: a healthy run finishes long before it.</summary>
    public static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);

    public static async Task WithGuard(this Task task, string phase)
    {
        try
        {
            await task.WaitAsync(Guard);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Timed out while {phase}.");
        }
    }
}
